using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace PluginBot.Plugins.Telegram.Replies;

internal sealed partial class TelegramLiveReply
{
    private async Task PumpAsync(CancellationToken lifetime)
    {
        var lastShown = _time.GetUtcNow();
        while (!_stopping)
        {
            int version;
            lock (_gate)
            {
                version = _version;
            }

            if (version == 0)
            {
                await _sender.SendChatActionAsync(Target, ChatAction.Typing, lifetime);
                await WaitForChangeAsync(TypingInterval, lifetime);
                continue;
            }

            var refreshDue = _useDraft && _time.GetUtcNow() - lastShown >= _limits.DraftRefresh;
            if (version == _shownVersion && !refreshDue)
            {
                await WaitForChangeAsync(_useDraft ? _limits.DraftRefresh : Timeout.InfiniteTimeSpan, lifetime);
                continue;
            }

            string latest;
            lock (_gate)
            {
                // The answer becomes a string only for a frame that is shown, never per appended piece.
                (latest, version) = (_text.ToString(), _version);
            }

            try
            {
                await ShowPartialAsync(latest, CancellationToken.None);
                _shownVersion = version;
                lastShown = _time.GetUtcNow();
            }
            catch (ApiRequestException ex) when (_useDraft && BotApiErrors.IsMissingMethod(ex))
            {
                // This Bot API server predates drafts: edit a message instead, from now on.
                _bot.DraftsAvailable = false;
                _useDraft = false;
                LogDraftsUnavailable();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The final message still goes out at the end; a failed preview only costs freshness.
                LogPreviewFailed(ex.Message);
                await WaitForChangeAsync(TimeSpan.FromSeconds(1), lifetime);
            }
        }
    }

    private Task ShowPartialAsync(string markdown, CancellationToken cancellationToken)
    {
        var chunks = ReplyRenderer.Chunks(ReplyRenderer.Html(markdown, TextFormat.Markdown, partial: true));
        if (chunks.Count == 0)
        {
            return Task.CompletedTask;
        }

        // A draft shows one message's worth: the part being written now.
        return _useDraft
            ? _sender.SendDraftAsync(Target, DraftId, chunks[^1], cancellationToken)
            : ShowChunksAsync(chunks, _stopKeyboard, finalMessage: false, cancellationToken);
    }

    /// <summary>Makes the shown messages match <paramref name="chunks"/>: edits what exists, sends what is new, deletes what is surplus.</summary>
    private async Task<int> ShowChunksAsync(IReadOnlyList<string> chunks, InlineKeyboardMarkup? lastKeyboard, bool finalMessage, CancellationToken cancellationToken)
    {
        for (var i = 0; i < chunks.Count; i++)
        {
            var keyboard = i == chunks.Count - 1 ? lastKeyboard : null;
            if (i < _messageIds.Count)
            {
                await _sender.EditTextAsync(Target, _messageIds[i], chunks[i], keyboard, cancellationToken);
            }
            else
            {
                var sent = await _sender.SendTextAsync(Target, chunks[i], keyboard, cancellationToken);
                _messageIds.Add(sent.Id);
            }
        }

        if (finalMessage)
        {
            while (_messageIds.Count > chunks.Count)
            {
                await _sender.DeleteAsync(Target, _messageIds[^1], cancellationToken);
                _messageIds.RemoveAt(_messageIds.Count - 1);
            }
        }

        return _messageIds[chunks.Count - 1];
    }

    private async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _changed.WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The Bot API server has no sendMessageDraft; streamed answers edit a message instead")]
    private partial void LogDraftsUnavailable();

    [LoggerMessage(Level = LogLevel.Debug, Message = "A streamed answer's preview was not shown: {Reason}")]
    private partial void LogPreviewFailed(string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A streamed answer's preview could not be removed: {Reason}")]
    private partial void LogCleanupFailed(string reason);
}
