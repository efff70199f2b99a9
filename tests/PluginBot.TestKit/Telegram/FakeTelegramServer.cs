using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PluginBot.TestKit.Telegram;

/// <summary>
/// The Telegram Bot API for one bot token: <c>POST {BaseAddress}/bot{Token}/{method}</c> with JSON, form-encoded or
/// multipart parameters, answering <c>{"ok":true,"result":...}</c> or <c>{"ok":false,"error_code":...}</c>. Simulated
/// users create updates (<see cref="SendText"/>, <see cref="PressButton"/>, ...); what the bot did is readable
/// (<see cref="SentMessages"/>, <see cref="ChatActions"/>, ...). Flood control follows <see cref="Limits"/>.
/// </summary>
public sealed partial class FakeTelegramServer : FakeServer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, FakeUser> _users = [];
    private readonly Dictionary<long, FakeChat> _chats = [];
    private readonly HashSet<long> _blocked = [];
    private readonly HashSet<long> _noMedia = [];
    private readonly Dictionary<long, StoredMessage> _messages = [];
    private readonly List<(long Id, JsonObject Update)> _updates = [];
    private readonly Dictionary<string, Queue<TelegramError>> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<TelegramArgs, CancellationToken, Task<Outcome>>> _methods;
    private readonly FloodGate _flood = new();
    private TaskCompletionSource _updateArrived = NewSignal();
    private const long FirstUpdateId = 100_000;
    private long _nextUpdateId = FirstUpdateId;
    private long _nextMessageId;
    private long _tooManyRequests;

    public FakeTelegramServer(string token = "123456789:TEST-token_for-the-fake")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        Token = token;
        var botId = long.TryParse(token.Split(':')[0], out var id) ? id : 123456789;
        Bot = new FakeUser(botId, "PluginBot Test", "pluginbot_test_bot", null);
        _methods = new(StringComparer.OrdinalIgnoreCase)
        {
            ["getMe"] = (_, _) => Task.FromResult(Ok(TelegramPayloads.User(Bot, isBot: true))),
            ["getUpdates"] = GetUpdatesAsync,
            ["sendMessage"] = Sync(SendMessage),
            ["editMessageText"] = Sync(EditMessageText),
            ["editMessageReplyMarkup"] = Sync(EditMessageReplyMarkup),
            ["deleteMessage"] = Sync(DeleteMessage),
            ["answerCallbackQuery"] = Sync(AnswerCallbackQuery),
            ["sendChatAction"] = Sync(SendChatAction),
            ["setMyCommands"] = Sync(SetMyCommands),
            ["getMyCommands"] = Sync(GetMyCommands),
            ["deleteMyCommands"] = Sync(DeleteMyCommands),
            ["setWebhook"] = Sync(SetWebhook),
            ["deleteWebhook"] = Sync(DeleteWebhook),
            ["getWebhookInfo"] = Sync(GetWebhookInfo),
            ["sendPhoto"] = Sync(args => SendFile(args, "photo")),
            ["sendDocument"] = Sync(args => SendFile(args, "document")),
            [DraftMethod] = Sync(SendMessageDraft),
            ["getChatMember"] = Sync(GetChatMember),
            ["getChatAdministrators"] = Sync(GetChatAdministrators),
        };
    }

    public string Token { get; }

    /// <summary>The bot's own user, as <c>getMe</c> returns it; its id is the token's numeric prefix.</summary>
    public FakeUser Bot { get; }

    public FloodLimits Limits { get; set; } = new();

    /// <summary>The longest a <c>getUpdates</c> long poll waits, whatever its <c>timeout</c>, so tests stop quickly.</summary>
    public TimeSpan MaxLongPoll { get; set; } = TimeSpan.FromSeconds(2);

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long the bot-side methods (<see cref="DelayedMethods"/>) hold back their answer after doing their work, as a
    /// network round trip would; <c>getUpdates</c>, <c>getMe</c> and the set-up methods answer at once. Real time.
    /// </summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>How many answers were 429 Too Many Requests (flood control or scripted).</summary>
    public long TooManyRequestsAnswered => Interlocked.Read(ref _tooManyRequests);

    /// <summary>
    /// Raised after the bot's <c>sendMessage</c>, <c>sendPhoto</c> or <c>sendDocument</c> was accepted, before its answer
    /// (and any <see cref="ResponseDelay"/>); on the request's thread, outside the server's lock, so keep it short.
    /// </summary>
    public event Action<FakeSentMessage>? BotMessageSent;

    /// <summary>The methods <see cref="ResponseDelay"/> applies to: what the bot sends, edits or deletes.</summary>
    public static IReadOnlySet<string> DelayedMethods { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "sendMessage", "editMessageText", "editMessageReplyMarkup", "deleteMessage", "answerCallbackQuery",
        "sendChatAction", "sendPhoto", "sendDocument", DraftMethod,
    };

    /// <summary>The API base address to give the client (<c>TelegramBotClientOptions.BaseUrl</c>).</summary>
    public string ApiUrl => BaseAddress.ToString().TrimEnd('/');

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> fail with <paramref name="error"/>.</summary>
    public void FailNext(string method, TelegramError error, int times = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(times);
        lock (_gate)
        {
            if (!_failures.TryGetValue(method, out var queue))
            {
                _failures[method] = queue = new Queue<TelegramError>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(error);
            }
        }
    }

    /// <summary>Marks the private chat with <paramref name="userId"/> as having blocked the bot (403 on sends).</summary>
    public void BlockBot(long userId, bool blocked = true)
    {
        lock (_gate)
        {
            _ = blocked ? _blocked.Add(userId) : _blocked.Remove(userId);
        }
    }

    /// <summary>
    /// Takes from members (the bot included) the right to send photos and documents in <paramref name="chatId"/>, as a
    /// group admin can: <c>sendPhoto</c> and <c>sendDocument</c> then answer 400 "not enough rights to send …".
    /// </summary>
    public void RestrictMedia(long chatId, bool restricted = true)
    {
        lock (_gate)
        {
            _ = restricted ? _noMedia.Add(chatId) : _noMedia.Remove(chatId);
        }
    }

    protected override void Map(IEndpointRouteBuilder routes)
    {
        routes.Map("/{**path}", HandleAsync);
        StartDeliveries();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Trim('/').Split('/');
        if (segments.Length != 2 || !segments[0].StartsWith("bot", StringComparison.Ordinal))
        {
            await WriteAsync(context, Fail(TelegramErrors.NotFound));
            return;
        }

        if (segments[0][3..] != Token)
        {
            await WriteAsync(context, Fail(TelegramErrors.Unauthorized));
            return;
        }

        if (!IsKnownMethod(segments[1]) || !_methods.TryGetValue(segments[1], out var method))
        {
            await WriteAsync(context, Fail(TelegramErrors.NotFound));
            return;
        }

        Outcome outcome;
        if (ScriptedFailure(segments[1]) is { } scripted)
        {
            outcome = Fail(scripted);
        }
        else
        {
            var args = await TelegramArgs.ReadAsync(context.Request);
            outcome = args is null
                ? Fail(TelegramErrors.BadRequest("can't parse JSON object"))
                : await method(args, context.RequestAborted);
        }

        if (outcome.Error?.Code == 429)
        {
            Interlocked.Increment(ref _tooManyRequests);
        }

        if (ResponseDelay > TimeSpan.Zero && DelayedMethods.Contains(segments[1]))
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        await WriteAsync(context, outcome);
    }

    private TelegramError? ScriptedFailure(string method)
    {
        lock (_gate)
        {
            return _failures.TryGetValue(method, out var queue) && queue.TryDequeue(out var error) ? error : null;
        }
    }

    private static async Task WriteAsync(HttpContext context, Outcome outcome)
    {
        JsonObject body;
        if (outcome.Error is { } error)
        {
            body = new JsonObject { ["ok"] = false, ["error_code"] = error.Code, ["description"] = error.Description };
            if (error.RetryAfter is { } retryAfter)
            {
                body["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
            }
        }
        else
        {
            body = new JsonObject { ["ok"] = true, ["result"] = outcome.Result };
        }

        context.Response.StatusCode = outcome.Error?.Code ?? 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static Func<TelegramArgs, CancellationToken, Task<Outcome>> Sync(Func<TelegramArgs, Outcome> method) =>
        (args, _) => Task.FromResult(method(args));

    private static Outcome Ok(JsonNode? result) => new(result, null);

    private static Outcome Fail(TelegramError error) => new(null, error);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    private readonly record struct Outcome(JsonNode? Result, TelegramError? Error);
}
