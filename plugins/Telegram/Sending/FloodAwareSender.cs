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
/// Every message the bot writes goes through here: each call waits for its slot (<see cref="SendSchedule"/>), a 429
/// pauses that chat for retry_after and is retried, edits to one message are coalesced to the latest text and skipped
/// when nothing changed, and HTML that Telegram still rejects is sent again as plain text.
/// </summary>
internal sealed class FloodAwareSender(TelegramBot bot, SendSchedule schedule, TimeProvider time, ILogger<FloodAwareSender> logger)
{
    private const int MaxAttempts = 5;
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
            (plain, ct) => bot.Client.SendMessage(
                target.ChatId, plain ? TelegramHtml.ToPlainText(html) : html, plain ? ParseMode.None : ParseMode.Html,
                replyMarkup: buttons, linkPreviewOptions: NoPreview, messageThreadId: target.ThreadId, cancellationToken: ct),
            cancellationToken);
        Remember(target, sent.Id, html, buttons);
        return sent;
    }

    /// <summary>Edits a message; a later edit of the same message that arrives while this one waits replaces it.</summary>
    public Task EditTextAsync(ChatTarget target, int messageId, string html, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken)
    {
        var key = (target.ChatId, messageId);
        PendingEdit pending;
        lock (_gate)
        {
            if (_shown.TryGetValue(key, out var shown) && shown == Fingerprint(html, buttons) && !_pendingEdits.ContainsKey(key))
            {
                return Task.CompletedTask;
            }

            if (_pendingEdits.TryGetValue(key, out var waiting))
            {
                (waiting.Html, waiting.Buttons) = (html, buttons);
                return waiting.Done.Task;
            }

            _pendingEdits[key] = pending = new PendingEdit(html, buttons);
        }

        return RunEditAsync(target, messageId, pending, cancellationToken);
    }

    public async Task SendDraftAsync(ChatTarget target, long draftId, string html, CancellationToken cancellationToken) =>
        await RunAsync(
            target,
            async (plain, ct) =>
            {
                await bot.Client.SendMessageDraft(
                    target.ChatId, draftId, plain ? TelegramHtml.ToPlainText(html) : html, plain ? ParseMode.None : ParseMode.Html,
                    target.ThreadId, canStop: true, cancellationToken: ct);
                return true;
            },
            cancellationToken);

    public async Task DeleteAsync(ChatTarget target, int messageId, CancellationToken cancellationToken)
    {
        await RunAsync(target, async (_, ct) =>
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
            async (plain, ct) =>
            {
                await using var stream = new MemoryStream(content.ToArray(), writable: false);
                var file = InputFile.FromStream(stream, fileName);
                var caption = captionHtml is null ? null : plain ? TelegramHtml.ToPlainText(captionHtml) : captionHtml;
                var mode = plain ? ParseMode.None : ParseMode.Html;
                return photo
                    ? await bot.Client.SendPhoto(target.ChatId, file, caption, mode, replyMarkup: buttons, messageThreadId: target.ThreadId, cancellationToken: ct)
                    : await bot.Client.SendDocument(target.ChatId, file, caption, mode, replyMarkup: buttons, messageThreadId: target.ThreadId, cancellationToken: ct);
            },
            cancellationToken);

    private async Task RunEditAsync(ChatTarget target, int messageId, PendingEdit pending, CancellationToken cancellationToken)
    {
        var key = (target.ChatId, messageId);
        try
        {
            string? shownHtml = null;
            InlineKeyboardMarkup? shownButtons = null;
            await RunAsync(target, async (plain, ct) =>
            {
                // Taken only now, in this chat's turn: edits that arrived while waiting are folded into this one.
                lock (_gate)
                {
                    _pendingEdits.Remove(key);
                    (shownHtml, shownButtons) = (pending.Html, pending.Buttons);
                    if (_shown.TryGetValue(key, out var shown) && shown == Fingerprint(shownHtml, shownButtons))
                    {
                        return true;
                    }
                }

                await bot.Client.EditMessageText(
                    target.ChatId, messageId, plain ? TelegramHtml.ToPlainText(shownHtml) : shownHtml, plain ? ParseMode.None : ParseMode.Html,
                    replyMarkup: shownButtons, linkPreviewOptions: NoPreview, cancellationToken: ct);
                return true;
            }, cancellationToken);
            Remember(target, messageId, shownHtml!, shownButtons);
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

        await pending.Done.Task;
    }

    /// <summary>One Bot API call under flood control; <c>plain</c> is true for the retry after an entity error.</summary>
    private async Task<T> RunAsync<T>(ChatTarget target, Func<bool, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
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
                bot.LastContact = time.GetUtcNow();
                return result;
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsFlood(ex) && attempt < MaxAttempts)
            {
                Interlocked.Increment(ref _floodWaits);
                var wait = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
                schedule.Pause(target, wait);
                logger.LogWarning("Telegram asked to slow down in chat {ChatId}: retrying in {Seconds} s", target.ChatId, wait.TotalSeconds);
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsNotModified(ex) && typeof(T) == typeof(bool))
            {
                return (T)(object)true;
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsEntityError(ex) && !plain)
            {
                logger.LogWarning("Telegram rejected the formatting ({Reason}); sending as plain text", ex.Message);
                plain = true;
            }
            catch (ApiRequestException ex) when (BotApiErrors.IsUnreachable(ex))
            {
                throw new ChatUnreachableException(target.ChatId, ex.Message, ex);
            }
        }
    }

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

    private static readonly LinkPreviewOptions NoPreview = new() { IsDisabled = true };

    private sealed class PendingEdit(string html, InlineKeyboardMarkup? buttons)
    {
        public string Html { get; set; } = html;

        public InlineKeyboardMarkup? Buttons { get; set; } = buttons;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
