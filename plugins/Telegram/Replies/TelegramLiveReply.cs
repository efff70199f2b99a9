using System.Text;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Sending;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace PluginBot.Plugins.Telegram.Replies;

/// <summary>
/// An answer shown while it is generated. In private chats it is a draft (sendMessageDraft, with the draft's own stop
/// button), refreshed before its 30-second life ends and replaced by a real message at the end. Elsewhere, or when
/// the Bot API server has no drafts, it is a message edited in place with a Stop button, growing into further
/// messages past 4,096 characters. Appended text is kept here; a pump shows only the latest text whenever the sender gives it a slot, so a fast
/// model never queues up edits; "typing" is shown until the first text arrives.
/// </summary>
internal sealed partial class TelegramLiveReply : ILiveReply
{
    private static readonly TimeSpan TypingInterval = TimeSpan.FromSeconds(4.5);

    private readonly FloodAwareSender _sender;
    private readonly TelegramBot _bot;
    private readonly SendLimits _limits;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action _closed;
    private readonly InlineKeyboardMarkup _stopKeyboard;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _pumpLifetime = new();
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly Lock _gate = new();
    private readonly List<int> _messageIds = [];
    // The answer so far, kept here so each piece costs its own length; the pump turns it into a string per frame.
    private readonly StringBuilder _text = new();
    private int _version;
    private int _shownVersion;
    private bool _useDraft;
    private bool _finished;
    private volatile bool _stopping;
    private Task _pump = Task.CompletedTask;

    public TelegramLiveReply(
        string id, ChatTarget target, Actor owner, bool useDraft, string stopToken, FloodAwareSender sender, TelegramBot bot,
        SendLimits limits, TimeProvider time, ILogger logger, Action closed)
    {
        (Id, Target, Owner, _useDraft) = (id, target, owner, useDraft);
        (_sender, _bot, _limits, _time, _logger, _closed) = (sender, bot, limits, time, logger, closed);
        DraftId = Random.Shared.NextInt64(1, int.MaxValue);
        _stopKeyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("⏹ Stop", stopToken));
    }

    public string Id { get; }

    public ChatTarget Target { get; }

    public Actor Owner { get; }

    public long DraftId { get; }

    public CancellationToken Stopped => _stop.Token;

    public void Start() => _pump = Task.Run(() => PumpAsync(_pumpLifetime.Token));

    // _stop is never disposed (it has no timer), so a Stop pressed as the answer ends cannot hit a disposed source.
    public void Stop() => _stop.Cancel();

    public Task AppendAsync(string delta, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Length == 0)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _text.Append(delta);
            _version++;
        }

        Signal();
        return Task.CompletedTask;
    }

    public async Task<MessageReference> CompleteAsync(Reply final, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(final);
        await StopPumpAsync();
        var chunks = ReplyRenderer.MessageChunks(ReplyRenderer.Html(final));

        // Finished from here on, even if sending fails halfway: what was delivered must not be taken back.
        try
        {
            var lastId = await ShowChunksAsync(chunks, ReplyRenderer.Keyboard(final.Buttons), finalMessage: true, cancellationToken);
            return Target.Message(lastId);
        }
        finally
        {
            Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // Abandoned without an answer: take back what was shown (a draft simply expires).
            await StopPumpAsync();
            foreach (var messageId in _messageIds)
            {
                try
                {
                    await _sender.DeleteAsync(Target, messageId, CancellationToken.None);
                }
                catch (Exception ex) when (ex is ApiRequestException or ChatUnreachableException)
                {
                    LogCleanupFailed(ex.Message);
                }
            }

            Close();
        }

        _pumpLifetime.Dispose();
        _changed.Dispose();
    }

    private void Close()
    {
        _finished = true;
        _closed();
    }

    /// <summary>
    /// Ends the pump between two calls: a send already on its way finishes (cancelling it could leave a message at
    /// Telegram whose id the reply never learns), only the waits are cut short.
    /// </summary>
    private async Task StopPumpAsync()
    {
        _stopping = true;
        await _pumpLifetime.CancelAsync();
        Signal();
        try
        {
            await _pump;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPreviewFailed(ex.Message);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Signal()
    {
        // A single pending wake-up is enough: the pump always reads the latest text.
        lock (_gate)
        {
            if (_changed.CurrentCount == 0)
            {
                _changed.Release();
            }
        }
    }
}
