using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Telegram;

/// <summary>Streamed drafts (<c>sendMessageDraft</c>) and the user's stop button (<c>stopped_message_generation</c>).</summary>
public sealed partial class FakeTelegramServer
{
    private const string DraftMethod = "sendMessageDraft";

    private readonly List<FakeDraft> _drafts = [];

    /// <summary>
    /// Whether the server knows <c>sendMessageDraft</c> (Bot API 9.3+). When false it answers 404 <c>Not Found</c>,
    /// as an older Bot API server does for any method it does not have.
    /// </summary>
    public bool SupportsDrafts { get; set; } = true;

    /// <summary>How many drafts the server accepted, in all chats.</summary>
    public int DraftUpdates
    {
        get
        {
            lock (_gate)
            {
                return _drafts.Count;
            }
        }
    }

    /// <summary>The drafts streamed to a private chat, oldest first; several entries may share a draft id.</summary>
    public IReadOnlyList<FakeDraft> Drafts(long chatId)
    {
        lock (_gate)
        {
            return [.. _drafts.Where(draft => draft.ChatId == chatId)];
        }
    }

    /// <summary>
    /// The user presses the stop button of the draft <paramref name="draftId"/>: a <c>stopped_message_generation</c>
    /// update. Throws when the latest draft with that id was not sent with <c>can_stop</c>, as there is no button.
    /// </summary>
    public void StopDraft(long chatId, long draftId, long userId, int? threadId = null)
    {
        if (chatId != userId)
        {
            throw new ArgumentException("Drafts exist only in private chats, whose id is the user's id.", nameof(userId));
        }

        lock (_gate)
        {
            var draft = _drafts.LastOrDefault(d => d.ChatId == chatId && d.DraftId == draftId && (threadId is null || d.ThreadId == threadId))
                ?? throw new InvalidOperationException($"No draft {draftId} in chat {chatId}.");
            if (!draft.CanStop)
            {
                throw new InvalidOperationException($"Draft {draftId} was sent without can_stop, so it has no stop button.");
            }

            var payload = new JsonObject { ["chat"] = TelegramPayloads.Chat(_chats[chatId], UserFor(userId)) };
            if ((threadId ?? draft.ThreadId) is { } thread)
            {
                payload["message_thread_id"] = thread;
            }

            payload["draft_id"] = draftId;
            Enqueue("stopped_message_generation", payload);
        }
    }

    private bool IsKnownMethod(string method) =>
        _methods.ContainsKey(method) && (SupportsDrafts || !method.Equals(DraftMethod, StringComparison.OrdinalIgnoreCase));

    /// <summary>Validated like <c>sendMessage</c>, except that the text may be empty (a "Thinking…" placeholder).</summary>
    private Outcome SendMessageDraft(TelegramArgs args)
    {
        var content = Format(args.Text("text") ?? "", args.Text("parse_mode"), null, out var error, allowEmpty: true);
        if (content is null)
        {
            return Fail(error!);
        }

        if (content.Text.Length > MaxTextLength)
        {
            return Fail(TelegramErrors.MessageTooLong);
        }

        var draftId = args.Number("draft_id");
        if (draftId is null or 0)
        {
            // Telegram's wording for this case is unknown; the fake names the broken rule.
            return Fail(TelegramErrors.BadRequest("draft_id must be non-zero"));
        }

        lock (_gate)
        {
            if (ChatFor(args, out var chat) is { } chatError)
            {
                return Fail(chatError);
            }

            if (chat.Type != "private")
            {
                // What Telegram answers for a group or a channel.
                return Fail(TelegramErrors.BadRequest("TEXTDRAFT_PEER_INVALID"));
            }

            if (_flood.TryTake(Limits, chat.Id, isPrivate: true, Clock.GetUtcNow()) is { } retryAfter)
            {
                return Fail(TelegramErrors.TooManyRequests(retryAfter));
            }

            _drafts.Add(new FakeDraft(chat.Id, draftId.Value, args.SmallNumber("message_thread_id"), content.Text, content.ParseMode,
                args.Flag("can_stop"), args.Flag("keep_on_stop"), Clock.GetUtcNow()));
            return Ok(true);
        }
    }
}
