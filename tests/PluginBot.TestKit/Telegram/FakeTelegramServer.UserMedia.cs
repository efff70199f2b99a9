using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Telegram;

/// <summary>Simulated users sending messages without text (photos, stickers, voice, files) and creating forum topics.</summary>
public sealed partial class FakeTelegramServer
{
    /// <summary>The color Telegram gives a topic created without one (0x6FB9F0).</summary>
    private const int DefaultTopicColor = 7322096;

    /// <summary>A user sends a photo, a kind of message that has no text.</summary>
    public long SendPhoto(long chatId, long userId, string? caption = null, int? threadId = null) =>
        UserMessage(chatId, userId, threadId, Caption(caption), isCaption: true, new JsonObject
        {
            ["photo"] = new JsonArray(new JsonObject { ["file_id"] = "AgACphoto", ["file_unique_id"] = "AQADphoto", ["width"] = 800, ["height"] = 600, ["file_size"] = 51_200 }),
        });

    /// <summary>A user sends a sticker.</summary>
    public long SendSticker(long chatId, long userId, string emoji = "👍", int? threadId = null) =>
        UserMessage(chatId, userId, threadId, Caption(null), isCaption: false, new JsonObject
        {
            ["sticker"] = new JsonObject
            {
                ["file_id"] = "CAACsticker",
                ["file_unique_id"] = "AgADsticker",
                ["type"] = "regular",
                ["width"] = 512,
                ["height"] = 512,
                ["is_animated"] = false,
                ["is_video"] = false,
                ["emoji"] = emoji,
            },
        });

    /// <summary>A user records a voice message (OGG/Opus, as Telegram's clients send them).</summary>
    public long SendVoice(long chatId, long userId, int durationSeconds = 3, string? caption = null, int? threadId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(durationSeconds);
        return UserMessage(chatId, userId, threadId, Caption(caption), isCaption: true, new JsonObject
        {
            ["voice"] = new JsonObject
            {
                ["file_id"] = "AwACvoice",
                ["file_unique_id"] = "AgADvoice",
                ["duration"] = durationSeconds,
                ["mime_type"] = "audio/ogg",
                ["file_size"] = durationSeconds * 4_000,
            },
        });
    }

    /// <summary>A user sends a file as a document.</summary>
    public long SendDocument(long chatId, long userId, string fileName, string? caption = null, string mimeType = "application/octet-stream", long size = 1024, int? threadId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return UserMessage(chatId, userId, threadId, Caption(caption), isCaption: true, new JsonObject
        {
            ["document"] = new JsonObject
            {
                ["file_id"] = "BQACdocument",
                ["file_unique_id"] = "AgADdocument",
                ["file_name"] = fileName,
                ["mime_type"] = mimeType,
                ["file_size"] = size,
            },
        });
    }

    /// <summary>
    /// A user creates a topic in a forum group: a <c>message</c> update with <c>forum_topic_created</c>. Returns the
    /// topic's <c>message_thread_id</c>, which is, as in Telegram, the id of that service message.
    /// </summary>
    public int CreateTopic(long chatId, string name, long userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (!_chats.TryGetValue(chatId, out var chat) || !chat.IsForum)
            {
                throw new InvalidOperationException($"Chat {chatId} is not a known forum group; declare it with AddGroup(isForum: true).");
            }

            var id = ++_nextMessageId;
            var message = new StoredMessage(id, chat, checked((int)id), Now)
            {
                From = UserFor(userId),
                Content = Caption(null),
                Extra = new JsonObject { ["forum_topic_created"] = new JsonObject { ["name"] = name, ["icon_color"] = DefaultTopicColor } },
            };
            _messages[id] = message;
            Enqueue("message", MessageJson(message));
            return message.ThreadId!.Value;
        }
    }

    private static FakeMessageContent Caption(string? caption) => new(caption ?? "", null, [], []);
}
