using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace PluginBot.TestKit.Telegram;

public sealed partial class FakeTelegramServer
{
    private static readonly HashSet<string> Actions = new(StringComparer.Ordinal)
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
        "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    };

    private readonly List<FakeChatAction> _chatActions = [];
    private readonly List<FakeCallbackAnswer> _callbackAnswers = [];
    private readonly HashSet<string> _openCallbacks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Scope, string Language), FakeCommandList> _commands = [];

    private Outcome AnswerCallbackQuery(TelegramArgs args)
    {
        lock (_gate)
        {
            var id = args.Text("callback_query_id") ?? "";
            if (!_openCallbacks.Remove(id))
            {
                return Fail(TelegramErrors.BadRequest("query is too old and response timeout expired or query ID is invalid"));
            }

            _callbackAnswers.Add(new FakeCallbackAnswer(id, args.Text("text"), args.Flag("show_alert"), args.Text("url")));
            return Ok(true);
        }
    }

    private Outcome SendChatAction(TelegramArgs args)
    {
        lock (_gate)
        {
            if (ChatFor(args, out var chat) is { } error)
            {
                return Fail(error);
            }

            var action = args.Text("action") ?? "";
            if (!Actions.Contains(action))
            {
                return Fail(TelegramErrors.BadRequest("wrong parameter action in request"));
            }

            _chatActions.Add(new FakeChatAction(chat.Id, action, args.SmallNumber("message_thread_id")));
            return Ok(true);
        }
    }

    private Outcome SetMyCommands(TelegramArgs args)
    {
        var commands = new List<KeyValuePair<string, string>>();
        foreach (var command in args.Node("commands") as JsonArray ?? [])
        {
            var name = command?["command"]?.GetValue<string>() ?? "";
            if (!Regex.IsMatch(name, "^[a-z0-9_]{1,32}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                return Fail(TelegramErrors.BadRequest("BOT_COMMAND_INVALID"));
            }

            commands.Add(new(name, command?["description"]?.GetValue<string>() ?? ""));
        }

        var key = (ScopeKey(args), args.Text("language_code") ?? "");
        lock (_gate)
        {
            _commands[key] = new FakeCommandList(key.Item1, key.Item2, commands);
        }

        return Ok(true);
    }

    private Outcome GetMyCommands(TelegramArgs args)
    {
        lock (_gate)
        {
            var list = _commands.GetValueOrDefault((ScopeKey(args), args.Text("language_code") ?? ""));
            return Ok(new JsonArray([.. (list?.Commands ?? []).Select(c => new JsonObject { ["command"] = c.Key, ["description"] = c.Value })]));
        }
    }

    private Outcome DeleteMyCommands(TelegramArgs args)
    {
        lock (_gate)
        {
            _commands.Remove((ScopeKey(args), args.Text("language_code") ?? ""));
            return Ok(true);
        }
    }

    private static string ScopeKey(TelegramArgs args) => args.Node("scope") switch
    {
        JsonObject { } scope when scope["type"]?.GetValue<string>() is { } type => type
            + (scope["chat_id"] is { } chat ? ":" + chat.ToJsonString() : "")
            + (scope["user_id"] is { } user ? ":" + user.ToJsonString() : ""),
        _ => "default",
    };

    /// <summary>The chat named by <c>chat_id</c>: known once a user wrote there or a test declared it. Caller holds the lock.</summary>
    private TelegramError? ChatFor(TelegramArgs args, out FakeChat chat)
    {
        chat = null!;
        if (!args.Has("chat_id"))
        {
            return TelegramErrors.BadRequest("chat_id is empty");
        }

        if (args.Number("chat_id") is not { } id || !_chats.TryGetValue(id, out var known))
        {
            return TelegramErrors.ChatNotFound;
        }

        chat = known;
        return known.Type == "private" && _blocked.Contains(id) ? TelegramErrors.BlockedByUser : null;
    }

    private JsonObject MessageJson(StoredMessage message, bool nested = false)
    {
        var privateUser = message.Chat.Type == "private" ? _users.GetValueOrDefault(message.Chat.Id) : null;
        var from = message.From is { } user ? TelegramPayloads.User(user) : TelegramPayloads.User(Bot, isBot: true);
        var json = TelegramPayloads.Message(message, from, TelegramPayloads.Chat(message.Chat, privateUser));
        if (message.ReplyTo is { } replyTo && !nested)
        {
            // Telegram shows the replied-to message one level deep only.
            json["reply_to_message"] = MessageJson(replyTo, nested: true);
        }

        return json;
    }
}
