using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PluginBot.TestKit.Telegram;

/// <summary>The simulated users' side: what they send becomes updates; what the bot did is readable.</summary>
public sealed partial class FakeTelegramServer
{
    private long _nextCallbackId = 4_000_000_000_000_000;

    /// <summary>Declares a user (name, username, language); users are otherwise created on first use as "User{id}".</summary>
    public FakeUser AddUser(long id, string firstName, string? username = null, string? languageCode = "en")
    {
        lock (_gate)
        {
            return _users[id] = new FakeUser(id, firstName, username, languageCode);
        }
    }

    /// <summary>Declares a supergroup (negative id), a forum when <paramref name="isForum"/>.</summary>
    public FakeChat AddGroup(long chatId, string title, bool isForum = false)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(chatId, 0);
        lock (_gate)
        {
            return _chats[chatId] = new FakeChat(chatId, "supergroup", title, isForum);
        }
    }

    /// <summary>
    /// A user writes <paramref name="text"/> in a chat (private when <paramref name="chatId"/> equals the user's id),
    /// optionally replying to an earlier message of that chat (the bot's or a user's). A leading <c>/command</c> gets a
    /// <c>bot_command</c> entity and each <c>@username</c> a <c>mention</c> entity, as Telegram's clients send them.
    /// </summary>
    public long SendText(long chatId, long userId, string text, int? threadId = null, long? replyToMessageId = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return UserMessage(chatId, userId, threadId, new FakeMessageContent(text, null, UserEntities(text), []), isCaption: false, [], replyToMessageId);
    }

    /// <summary>A user sends <c>/command args</c>; in groups it may be addressed as <c>/command@botname</c>.</summary>
    public long SendCommand(long chatId, long userId, string command, string? arguments = null, int? threadId = null, bool addressed = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        var name = "/" + command.TrimStart('/') + (addressed ? "@" + Bot.Username : "");
        return SendText(chatId, userId, arguments is null ? name : name + " " + arguments, threadId);
    }

    /// <summary>A user edits one of their messages: an <c>edited_message</c> update.</summary>
    public void EditText(long messageId, string newText)
    {
        lock (_gate)
        {
            var message = _messages.GetValueOrDefault(messageId) is { From: not null } found
                ? found
                : throw new InvalidOperationException($"No user message {messageId}.");
            message.History.Add(message.Content);
            message.Content = message.Content with { Text = newText, Entities = UserEntities(newText) };
            message.EditDate = Now;
            Enqueue("edited_message", MessageJson(message));
        }
    }

    /// <summary>A user presses an inline button of a bot message: a <c>callback_query</c> update; returns the query id.</summary>
    public string PressButton(long messageId, string callbackData, long userId)
    {
        lock (_gate)
        {
            if (!_messages.TryGetValue(messageId, out var message) || message.From is not null || message.Deleted)
            {
                throw new InvalidOperationException($"No bot message {messageId}.");
            }

            if (!message.Content.Buttons.SelectMany(row => row).Any(button => button.CallbackData == callbackData))
            {
                throw new InvalidOperationException($"Message {messageId} has no button with callback_data \"{callbackData}\".");
            }

            var id = (++_nextCallbackId).ToString(CultureInfo.InvariantCulture);
            _openCallbacks.Add(id);
            Enqueue("callback_query", new JsonObject
            {
                ["id"] = id,
                ["from"] = TelegramPayloads.User(UserFor(userId)),
                ["message"] = MessageJson(message),
                ["chat_instance"] = (message.Chat.Id * 31).ToString(CultureInfo.InvariantCulture),
                ["data"] = callbackData,
            });
            return id;
        }
    }

    public IReadOnlyList<FakeSentMessage> SentMessages(long chatId)
    {
        lock (_gate)
        {
            return [.. _messages.Values.Where(m => m.Chat.Id == chatId && m.From is null).OrderBy(m => m.Id).Select(m => m.Snapshot())];
        }
    }

    public IReadOnlyList<FakeChatAction> ChatActions
    {
        get
        {
            lock (_gate)
            {
                return [.. _chatActions];
            }
        }
    }

    public IReadOnlyList<FakeCommandList> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands.Values];
            }
        }
    }

    public IReadOnlyList<FakeCallbackAnswer> AnsweredCallbacks
    {
        get
        {
            lock (_gate)
            {
                return [.. _callbackAnswers];
            }
        }
    }

    public IReadOnlyList<FakeDocument> Documents
    {
        get
        {
            lock (_gate)
            {
                return [.. _documents];
            }
        }
    }

    private long UserMessage(long chatId, long userId, int? threadId, FakeMessageContent content, bool isCaption, JsonObject extra, long? replyToMessageId = null)
    {
        lock (_gate)
        {
            StoredMessage? replyTo = null;
            if (replyToMessageId is { } replyId
                && (!_messages.TryGetValue(replyId, out replyTo) || replyTo.Chat.Id != chatId || replyTo.Deleted))
            {
                throw new InvalidOperationException($"No message {replyId} in chat {chatId} to reply to.");
            }

            var user = UserFor(userId);
            var chat = _chats.GetValueOrDefault(chatId) ?? (chatId == userId
                ? new FakeChat(chatId, "private", null, false)
                : chatId < 0 ? new FakeChat(chatId, "supergroup", $"Group {-chatId}", threadId is not null)
                : throw new ArgumentException("A positive chat id is a private chat and must equal the user id.", nameof(chatId)));
            _chats[chatId] = chat;
            var message = new StoredMessage(++_nextMessageId, chat, threadId, Now)
            {
                From = user,
                Content = content,
                IsCaption = isCaption,
                Extra = extra,
                ReplyTo = replyTo,
            };
            _messages[message.Id] = message;
            Enqueue("message", MessageJson(message));
            return message.Id;
        }
    }

    /// <summary>The entities Telegram's clients attach: a leading <c>bot_command</c> and <c>mention</c>s outside it.</summary>
    private static List<FakeEntity> UserEntities(string text)
    {
        var entities = new List<FakeEntity>();
        var commandEnd = 0;
        if (text.StartsWith('/'))
        {
            var end = text.IndexOfAny([' ', '\n']);
            commandEnd = end < 0 ? text.Length : end;
            entities.Add(new FakeEntity("bot_command", 0, commandEnd));
        }

        // .NET string indexes are UTF-16 code units, the unit of the Bot API's offsets.
        entities.AddRange(Mention().Matches(text).Where(m => m.Index >= commandEnd).Select(m => new FakeEntity("mention", m.Index, m.Length)));
        return entities;
    }

    /// <summary>A username: 5 to 32 letters, digits and underscores, starting with a letter.</summary>
    [GeneratedRegex("(?<![A-Za-z0-9_@])@[A-Za-z][A-Za-z0-9_]{4,31}(?![A-Za-z0-9_])", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Mention();

    private FakeUser UserFor(long userId) =>
        _users.TryGetValue(userId, out var user) ? user : _users[userId] = new FakeUser(userId, $"User{userId}", $"user{userId}");
}
