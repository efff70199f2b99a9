using System.Text.Json;
using Microsoft.Extensions.Logging;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Rendering;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>
/// Every message the bot writes goes through here: each call waits for its chat's turn (<see cref="SendSchedule"/>), a
/// 429 pauses that chat for retry_after and is retried, edits to one message are coalesced to the latest text and
/// skipped when nothing changed, HTML that Telegram still rejects is sent again as plain text, and calls that are safe
/// to repeat (edits, deletions, drafts) are retried after a network error or a 5xx.
/// </summary>
internal sealed partial class FloodAwareSender(TelegramBot bot, SendSchedule schedule, TimeProvider time, ILogger<FloodAwareSender> logger)
{
    private const int MaxAttempts = 5;
    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };
    private readonly ILogger<FloodAwareSender> _logger = logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<(long Chat, int Message), PendingEdit> _pendingEdits = [];
    private readonly Dictionary<(long Chat, int Message), string> _shown = [];
    private long _floodWaits;

    /// <summary>How many 429s Telegram answered (each was waited out and retried).</summary>
    public long FloodWaits => Interlocked.Read(ref _floodWaits);

    public async Task<Message> SendTextAsync(ChatTarget target, string html, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken)
    {
        var sent = await RunAsync(
            target,
            repeatable: false,
            (plain, ct) =>
            {
                var (text, mode) = Format(html, plain);
                return bot.Client.SendMessage(target.ChatId, text, mode, replyMarkup: buttons, linkPreviewOptions: NoPreview, messageThreadId: target.ThreadId, cancellationToken: ct);
            },
            cancellationToken);
        Remember(target, sent.Id, html, buttons);
        return sent;
    }

    /// <summary>
    /// Edits a message; a later edit of the same message that arrives while this one waits replaces it, and all callers
    /// see the outcome of the call that was made (which runs to completion even if the first caller gives up).
    /// </summary>
    public Task EditTextAsync(ChatTarget target, int messageId, string html, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken)
    {
        var key = (target.ChatId, messageId);
        PendingEdit pending;
        lock (_gate)
        {
            if (_pendingEdits.TryGetValue(key, out var waiting))
            {
                (waiting.Html, waiting.Buttons) = (html, buttons);
                return waiting.Done.Task.WaitAsync(cancellationToken);
            }

            if (_shown.TryGetValue(key, out var shown) && shown == Fingerprint(html, buttons))
            {
                return Task.CompletedTask;
            }

            _pendingEdits[key] = pending = new PendingEdit(html, buttons);
        }

        _ = RunEditAsync(target, messageId, pending);
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public Task SendDraftAsync(ChatTarget target, long draftId, string html, CancellationToken cancellationToken) =>
        RunAsync(
            target,
            repeatable: true,
            async (plain, ct) =>
            {
                var (text, mode) = Format(html, plain);
                await bot.Client.SendMessageDraft(target.ChatId, draftId, text, mode, target.ThreadId, canStop: true, cancellationToken: ct);
                return true;
            },
            cancellationToken);

    public async Task DeleteAsync(ChatTarget target, int messageId, CancellationToken cancellationToken)
    {
        await RunAsync(target, repeatable: true, async (_, ct) =>
        {
            await bot.Client.DeleteMessage(target.ChatId, messageId, ct);
            return true;
        }, cancellationToken);
        lock (_gate)
        {
            _shown.Remove((target.ChatId, messageId));
        }
    }

    /// <summary>Sends a photo or document; the upload is built afresh for each attempt, since a stream is read once.</summary>
    public Task<Message> SendFileAsync(ChatTarget target, bool photo, string fileName, ReadOnlyMemory<byte> content, string? captionHtml, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken) =>
        RunAsync(
            target,
            repeatable: false,
            async (plain, ct) =>
            {
                await using var stream = new MemoryStream(content.ToArray(), writable: false);
                var file = InputFile.FromStream(stream, fileName);
                var (caption, mode) = captionHtml is null ? (null, ParseMode.None) : Format(captionHtml, plain);
                return photo
                    ? await bot.Client.SendPhoto(target.ChatId, file, caption, mode, replyMarkup: buttons, messageThreadId: target.ThreadId, cancellationToken: ct)
                    : await bot.Client.SendDocument(target.ChatId, file, caption, mode, replyMarkup: buttons, messageThreadId: target.ThreadId, cancellationToken: ct);
            },
            cancellationToken);

    /// <summary>
    /// A "typing" signal: a courtesy, so it is not flood-controlled and never fails the work it accompanies (nor marks
    /// the bot unhealthy when one chat refuses it).
    /// </summary>
    public async Task SendChatActionAsync(ChatTarget target, ChatAction action, CancellationToken cancellationToken)
    {
        try
        {
            await bot.Client.SendChatAction(target.ChatId, action, target.ThreadId, cancellationToken: cancellationToken);
        }
        catch (RequestException)
        {
        }
    }

    private async Task RunEditAsync(ChatTarget target, int messageId, PendingEdit pending)
    {
        var key = (target.ChatId, messageId);
        try
        {
            await RunAsync(target, repeatable: true, async (plain, ct) =>
            {
                // Taken only now, in this chat's turn: edits that arrived while waiting are folded into this one.
                string html;
                InlineKeyboardMarkup? buttons;
                lock (_gate)
                {
                    if (_pendingEdits.TryGetValue(key, out var current) && ReferenceEquals(current, pending))
                    {
                        _pendingEdits.Remove(key);
                    }

                    (html, buttons) = (pending.Html, pending.Buttons);
                    if (_shown.TryGetValue(key, out var shown) && shown == Fingerprint(html, buttons))
                    {
                        return true;
                    }
                }

                var (text, mode) = Format(html, plain);
                await bot.Client.EditMessageText(target.ChatId, messageId, text, mode, replyMarkup: buttons, linkPreviewOptions: NoPreview, cancellationToken: ct);
                Remember(target, messageId, html, buttons);
                return true;
            }, CancellationToken.None);
            pending.Done.TrySetResult();
        }
        catch (Exception ex)
        {
            lock (_gate)
            {
                if (_pendingEdits.TryGetValue(key, out var current) && ReferenceEquals(current, pending))
                {
                    _pendingEdits.Remove(key);
                }
            }

            pending.Done.TrySetException(ex);
        }
    }

    /// <summary>One Bot API call in its chat's turn; <c>plain</c> is true for the retry after an entity error.</summary>
    private async Task<T> RunAsync<T>(ChatTarget target, bool repeatable, Func<bool, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var turn = await schedule.EnterAsync(target, cancellationToken);
        var plain = false;
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                await schedule.WaitTurnAsync(target, cancellationToken);
            }

            try
            {
                var result = await call(plain, cancellationToken);
                (bot.LastContact, bot.LastError) = (time.GetUtcNow(), null);
                return result;
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsFlood(ex) && attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _floodWaits);
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                schedule.Pause(target, wait);
                LogFlood(target.ChatId, wait.TotalSeconds);
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsNotModified(ex) && typeof(T) == typeof(bool))
            {
                return (T)(object)true;
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsEntityError(ex) && !plain)
            {
                LogEntitiesRejected(ex.Message);
                plain = true;
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsUnreachable(ex))
            {
                throw new ChatUnreachableException(target.ChatId, ex.Message, ex);
            }
            catch (RequestException ex) when (repeatable && attempt < 3 && BotApiErrors.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
            {
                // A new message is never sent twice on a guess; an edit, a deletion or a draft can be.
                bot.LastError = ex.Message;
                schedule.Pause(target, TimeSpan.FromSeconds(attempt));
            }
        }
    }

    private static (string Text, ParseMode Mode) Format(string html, bool plain) =>
        plain ? (TelegramHtml.ToPlainText(html), ParseMode.None) : (html, ParseMode.Html);

    private void Remember(ChatTarget target, int messageId, string html, InlineKeyboardMarkup? buttons)
    {
        lock (_gate)
        {
            // Bounded: forgetting only costs one redundant edit, which Telegram answers "not modified".
            if (_shown.Count >= 10_000)
            {
                _shown.Clear();
            }

            _shown[(target.ChatId, messageId)] = Fingerprint(html, buttons);
        }
    }

    private static string Fingerprint(string html, InlineKeyboardMarkup? buttons) =>
        buttons is null ? html : html + "\u0000" + JsonSerializer.Serialize(buttons, JsonBotAPI.Options);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram asked to slow down in chat {ChatId}: retrying in {Seconds} s")]
    private partial void LogFlood(long chatId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram rejected the formatting ({Reason}); sending as plain text")]
    private partial void LogEntitiesRejected(string reason);

    private sealed class PendingEdit(string html, InlineKeyboardMarkup? buttons)
    {
        public string Html { get; set; } = html;

        public InlineKeyboardMarkup? Buttons { get; set; } = buttons;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
