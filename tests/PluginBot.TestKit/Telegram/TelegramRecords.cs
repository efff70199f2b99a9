namespace PluginBot.TestKit.Telegram;

/// <summary>An inline keyboard button as the bot sent it.</summary>
public sealed record FakeButton(string Text, string? CallbackData, string? Url);

/// <summary>A formatting entity in UTF-16 code units, as the Bot API reports it.</summary>
public sealed record FakeEntity(string Type, int Offset, int Length, string? Url = null, string? Language = null);

/// <summary>One state of a bot message's content: text (or caption), parse mode and keyboard.</summary>
public sealed record FakeMessageContent(
    string Text,
    string? ParseMode,
    IReadOnlyList<FakeEntity> Entities,
    IReadOnlyList<IReadOnlyList<FakeButton>> Buttons);

/// <summary>A message the bot sent, with its current content and the earlier versions it replaced by editing.</summary>
public sealed record FakeSentMessage(
    long MessageId,
    long ChatId,
    int? ThreadId,
    FakeMessageContent Current,
    IReadOnlyList<FakeMessageContent> History,
    bool Deleted)
{
    public string Text => Current.Text;

    public string? ParseMode => Current.ParseMode;

    public IReadOnlyList<FakeButton> AllButtons => [.. Current.Buttons.SelectMany(row => row)];

    /// <summary>When the fake accepted the message (its <c>Clock</c>), at full precision; <c>date</c> has whole seconds.</summary>
    public DateTimeOffset SentAt { get; init; }
}

public sealed record FakeChatAction(long ChatId, string Action, int? ThreadId);

public sealed record FakeCallbackAnswer(string CallbackQueryId, string? Text, bool ShowAlert, string? Url);

/// <summary>A file the bot uploaded with <c>sendDocument</c> or <c>sendPhoto</c> (<see cref="Kind"/> "document" or "photo").</summary>
public sealed record FakeDocument(long ChatId, long MessageId, string Kind, string FileName, string? Caption, long Size);

/// <summary>
/// A draft the bot streamed with <c>sendMessageDraft</c>: each call is one entry; <see cref="Text"/> is after entity
/// parsing (empty for the "Thinking…" placeholder).
/// </summary>
public sealed record FakeDraft(long ChatId, long DraftId, int? ThreadId, string Text, string? ParseMode, bool CanStop, bool KeepOnStop, DateTimeOffset At);

/// <summary>One attempt to POST an update to the webhook; <see cref="StatusCode"/> is null when no HTTP answer came.</summary>
public sealed record FakeWebhookDelivery(string Url, long UpdateId, int? StatusCode, DateTimeOffset At)
{
    /// <summary>A 2xx answer, which removes the update from the pending queue.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}

/// <summary>A command list stored by <c>setMyCommands</c> for one scope (<c>default</c>, <c>chat:ID</c>, ...) and language.</summary>
public sealed record FakeCommandList(string Scope, string LanguageCode, IReadOnlyList<KeyValuePair<string, string>> Commands);

/// <summary>A Bot API error: HTTP status and <c>error_code</c>, description, and optional <c>retry_after</c>.</summary>
public sealed record TelegramError(int Code, string Description, int? RetryAfter = null);

/// <summary>Errors in the Bot API's wording.</summary>
public static class TelegramErrors
{
    public static TelegramError TooManyRequests(int retryAfter) => new(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);

    public static TelegramError BlockedByUser { get; } = new(403, "Forbidden: bot was blocked by the user");

    public static TelegramError ChatNotFound { get; } = new(400, "Bad Request: chat not found");

    public static TelegramError Unauthorized { get; } = new(401, "Unauthorized");

    public static TelegramError NotFound { get; } = new(404, "Not Found");

    public static TelegramError MessageTooLong { get; } = new(400, "Bad Request: message is too long");

    public static TelegramError NotModified { get; } = new(400,
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");

    public static TelegramError ServerError { get; } = new(500, "Internal Server Error");

    public static TelegramError BadRequest(string reason) => new(400, "Bad Request: " + reason);

    public static TelegramError CantParseEntities(string reason) => BadRequest("can't parse entities: " + reason);
}

/// <summary>Flood limits: at most <see cref="Count"/> messages in any <see cref="Window"/>.</summary>
public sealed record RateLimit(int Count, TimeSpan Window);

/// <summary>The flood control the fake enforces on sending methods; <see cref="Enabled"/> false turns it off.</summary>
public sealed record FloodLimits
{
    public bool Enabled { get; init; } = true;

    /// <summary>About one message a second per private chat, with a short burst allowed.</summary>
    public RateLimit PrivateChat { get; init; } = new(3, TimeSpan.FromSeconds(3));

    public RateLimit GroupChat { get; init; } = new(20, TimeSpan.FromMinutes(1));

    public RateLimit Global { get; init; } = new(30, TimeSpan.FromSeconds(1));
}
