using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Telegram;

/// <summary>A simulated Telegram user.</summary>
public sealed record FakeUser(long Id, string FirstName, string? Username = null, string? LanguageCode = "en");

/// <summary>A chat: private (id equals the user's id) or a supergroup (negative id), optionally a forum.</summary>
public sealed record FakeChat(long Id, string Type, string? Title, bool IsForum);

/// <summary>A message as the fake stores it, from the bot or from a simulated user.</summary>
internal sealed class StoredMessage(long id, FakeChat chat, int? threadId, long date)
{
    public long Id { get; } = id;

    public FakeChat Chat { get; } = chat;

    public int? ThreadId { get; } = threadId;

    public long Date { get; } = date;

    public FakeUser? From { get; init; }

    /// <summary>The message this one replies to, shown as <c>reply_to_message</c>.</summary>
    public StoredMessage? ReplyTo { get; init; }

    public bool IsCaption { get; init; }

    public JsonObject Extra { get; init; } = [];

    public required FakeMessageContent Content { get; set; }

    public JsonNode? ReplyMarkup { get; set; }

    public List<FakeMessageContent> History { get; } = [];

    public long? EditDate { get; set; }

    /// <summary>When the fake accepted it (<see cref="FakeTelegramServer.Clock"/>), at full precision.</summary>
    public DateTimeOffset SentAt { get; init; }

    public bool Deleted { get; set; }

    public FakeSentMessage Snapshot() => new(Id, Chat.Id, ThreadId, Content, [.. History], Deleted) { SentAt = SentAt };
}

/// <summary>Objects shaped as in the Bot API reference: User, Chat, Message, MessageEntity, InlineKeyboardMarkup.</summary>
internal static class TelegramPayloads
{
    public static JsonObject User(FakeUser user, bool isBot = false)
    {
        var json = new JsonObject { ["id"] = user.Id, ["is_bot"] = isBot, ["first_name"] = user.FirstName };
        if (user.Username is not null)
        {
            json["username"] = user.Username;
        }

        if (!isBot && user.LanguageCode is not null)
        {
            json["language_code"] = user.LanguageCode;
        }

        return json;
    }

    public static JsonObject Chat(FakeChat chat, FakeUser? privateUser)
    {
        var json = new JsonObject { ["id"] = chat.Id, ["type"] = chat.Type };
        if (chat.Type == "private" && privateUser is not null)
        {
            json["first_name"] = privateUser.FirstName;
            if (privateUser.Username is not null)
            {
                json["username"] = privateUser.Username;
            }
        }
        else
        {
            json["title"] = chat.Title;
            if (chat.IsForum)
            {
                json["is_forum"] = true;
            }
        }

        return json;
    }

    public static JsonObject Message(StoredMessage message, JsonObject from, JsonObject chat)
    {
        var json = new JsonObject { ["message_id"] = message.Id, ["from"] = from, ["chat"] = chat, ["date"] = message.Date };
        if (message.ThreadId is { } thread)
        {
            json["message_thread_id"] = thread;
            json["is_topic_message"] = true;
        }

        if (message.EditDate is { } edited)
        {
            json["edit_date"] = edited;
        }

        foreach (var (key, value) in message.Extra)
        {
            json[key] = value?.DeepClone();
        }

        var content = message.Content;
        if (content.Text.Length > 0)
        {
            json[message.IsCaption ? "caption" : "text"] = content.Text;
        }

        if (content.Entities.Count > 0)
        {
            json[message.IsCaption ? "caption_entities" : "entities"] = new JsonArray([.. content.Entities.Select(Entity)]);
        }

        if (message.ReplyMarkup is not null)
        {
            json["reply_markup"] = message.ReplyMarkup.DeepClone();
        }

        return json;
    }

    public static JsonObject Entity(FakeEntity entity)
    {
        var json = new JsonObject { ["type"] = entity.Type, ["offset"] = entity.Offset, ["length"] = entity.Length };
        if (entity.Url is not null)
        {
            json["url"] = entity.Url;
        }

        if (entity.Language is not null)
        {
            json["language"] = entity.Language;
        }

        return json;
    }

    /// <summary>The rows of an <c>inline_keyboard</c>; other markup kinds (reply keyboards) have no buttons here.</summary>
    public static IReadOnlyList<IReadOnlyList<FakeButton>> Buttons(JsonNode? markup) =>
        markup?["inline_keyboard"] is JsonArray rows
            ? [.. rows.OfType<JsonArray>().Select(row => (IReadOnlyList<FakeButton>)[.. row.OfType<JsonObject>().Select(Button)])]
            : [];

    private static FakeButton Button(JsonObject button) => new(
        button["text"]?.GetValue<string>() ?? "",
        button["callback_data"]?.GetValue<string>(),
        button["url"]?.GetValue<string>());
}
