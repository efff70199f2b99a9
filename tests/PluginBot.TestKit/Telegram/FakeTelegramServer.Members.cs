using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Telegram;

/// <summary>
/// Chat members as the Bot API reports them (<c>getChatMember</c>, <c>getChatAdministrators</c>): a ChatMember object
/// whose <c>status</c> is <c>creator</c>, <c>administrator</c>, <c>member</c>, <c>restricted</c>, <c>left</c> or
/// <c>kicked</c>, with that status's fields. Someone who has written in a group is a member there unless a test says
/// otherwise (<see cref="SetMemberStatus"/>); anyone else has left it.
/// </summary>
public sealed partial class FakeTelegramServer
{
    private static readonly HashSet<string> MemberStatuses = new(StringComparer.Ordinal)
    {
        "creator", "administrator", "member", "restricted", "left", "kicked",
    };

    private readonly Dictionary<(long Chat, long User), string> _memberStatus = [];
    private long _memberLookups;

    /// <summary>How many <c>getChatMember</c> and <c>getChatAdministrators</c> calls were answered.</summary>
    public long MemberLookups => Interlocked.Read(ref _memberLookups);

    /// <summary>Gives <paramref name="userId"/> a status in the group <paramref name="chatId"/> (declared or written in before).</summary>
    public void SetMemberStatus(long chatId, long userId, string status)
    {
        if (!MemberStatuses.Contains(status))
        {
            throw new ArgumentException($"'{status}' is not a chat member status: use {string.Join(", ", MemberStatuses)}.", nameof(status));
        }

        lock (_gate)
        {
            if (!_chats.TryGetValue(chatId, out var chat) || chat.Type == "private")
            {
                throw new InvalidOperationException($"Chat {chatId} is not a known group: declare it with AddGroup first.");
            }

            UserFor(userId);
            _memberStatus[(chatId, userId)] = status;
        }
    }

    private Outcome GetChatMember(TelegramArgs args)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _memberLookups);
            // A user who blocked the bot is still a member of their chat with it: only sending is refused.
            if (ChatFor(args, out var chat) is { } error && error != TelegramErrors.BlockedByUser)
            {
                return Fail(error);
            }

            if (args.Number("user_id") is not { } userId)
            {
                return Fail(TelegramErrors.BadRequest(args.Has("user_id") ? "invalid user_id specified" : "user_id is empty"));
            }

            if (chat.Type == "private")
            {
                return userId == chat.Id ? Ok(Member(chat.Id, userId, "member")) : Fail(TelegramErrors.BadRequest("user not found"));
            }

            return Ok(Member(chat.Id, userId, StatusOf(chat.Id, userId)));
        }
    }

    private Outcome GetChatAdministrators(TelegramArgs args)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _memberLookups);
            // A user who blocked the bot is still a member of their chat with it: only sending is refused.
            if (ChatFor(args, out var chat) is { } error && error != TelegramErrors.BlockedByUser)
            {
                return Fail(error);
            }

            if (chat.Type == "private")
            {
                return Fail(TelegramErrors.BadRequest("there are no administrators in the private chat"));
            }

            var admins = _memberStatus
                .Where(m => m.Key.Chat == chat.Id && m.Value is "creator" or "administrator")
                .OrderBy(m => m.Value == "creator" ? 0 : 1).ThenBy(m => m.Key.User)
                .Select(m => (JsonNode)Member(chat.Id, m.Key.User, m.Value));
            return Ok(new JsonArray([.. admins]));
        }
    }

    /// <summary>A user's status in a group: set by a test, else member once they wrote there, else left. Caller holds the lock.</summary>
    private string StatusOf(long chatId, long userId) =>
        _memberStatus.TryGetValue((chatId, userId), out var status) ? status
        : _messages.Values.Any(m => m.Chat.Id == chatId && m.From?.Id == userId) ? "member"
        : "left";

    /// <summary>The ChatMember object for a status, with the fields the Bot API reference lists for it.</summary>
    private JsonObject Member(long chatId, long userId, string status)
    {
        var json = new JsonObject { ["status"] = status, ["user"] = TelegramPayloads.User(UserFor(userId)) };
        switch (status)
        {
            case "creator":
                json["is_anonymous"] = false;
                break;
            case "administrator":
                json["can_be_edited"] = false;
                json["is_anonymous"] = false;
                foreach (var right in new[]
                {
                    "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members", "can_change_info",
                    "can_invite_users", "can_post_stories", "can_edit_stories", "can_delete_stories", "can_pin_messages",
                })
                {
                    json[right] = true;
                }

                json["can_promote_members"] = false;
                if (_chats.GetValueOrDefault(chatId)?.IsForum == true)
                {
                    json["can_manage_topics"] = true;
                }

                break;
            case "restricted":
                json["is_member"] = true;
                foreach (var right in new[]
                {
                    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
                    "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
                    "can_add_web_page_previews", "can_change_info", "can_invite_users", "can_pin_messages", "can_manage_topics",
                })
                {
                    json[right] = false;
                }

                json["until_date"] = 0;
                break;
            case "kicked":
                json["until_date"] = 0;
                break;
        }

        return json;
    }
}
