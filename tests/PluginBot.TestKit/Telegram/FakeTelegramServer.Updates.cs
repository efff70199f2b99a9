using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Telegram;

public sealed partial class FakeTelegramServer
{
    private static readonly TelegramError WebhookActive =
        new(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");

    private static readonly TelegramError OtherPoller =
        new(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");

    private readonly Dictionary<long, JsonObject> _everyUpdate = [];

    private TaskCompletionSource? _activePoll;

    /// <summary>The id of the newest update a simulated user created (0 before the first).</summary>
    public long LastUpdateId
    {
        get
        {
            lock (_gate)
            {
                return _nextUpdateId == FirstUpdateId ? 0 : _nextUpdateId;
            }
        }
    }

    /// <summary>True while a <c>getUpdates</c> call is being answered (a long poll waiting for an update, typically).</summary>
    public bool Polling
    {
        get
        {
            lock (_gate)
            {
                return _activePoll is not null;
            }
        }
    }

    /// <summary>
    /// The JSON of an update as the Bot API delivered it, kept after it was confirmed: a test hands it to a bot again
    /// to play a crash between handling an update and marking it handled.
    /// </summary>
    public string UpdateJson(long updateId)
    {
        lock (_gate)
        {
            return _everyUpdate[updateId].ToJsonString();
        }
    }

    /// <summary>
    /// Confirms updates below <c>offset</c> (a negative offset keeps only that many of the newest), then returns up to
    /// <c>limit</c> updates, waiting up to <c>timeout</c> seconds (capped by <see cref="MaxLongPoll"/>) for one to arrive.
    /// A newer call ends a waiting one with 409, as Telegram does when two bot instances poll.
    /// </summary>
    private async Task<Outcome> GetUpdatesAsync(TelegramArgs args, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(args.SmallNumber("limit") ?? 100, 1, 100);
        var wait = TimeSpan.FromSeconds(Math.Max(0, args.SmallNumber("timeout") ?? 0));
        wait = wait < MaxLongPoll ? wait : MaxLongPoll;
        var started = Stopwatch.StartNew();
        var superseded = NewSignal();
        TaskCompletionSource? previous;
        lock (_gate)
        {
            if (_webhookUrl.Length > 0)
            {
                return Fail(WebhookActive);
            }

            RememberAllowedUpdates(args);
            Confirm(args.Number("offset"));
            previous = _activePoll;
            _activePoll = superseded;
        }

        previous?.TrySetResult();
        try
        {
            return await PollAsync(limit, wait, started, superseded.Task, cancellationToken);
        }
        finally
        {
            lock (_gate)
            {
                if (_activePoll == superseded)
                {
                    _activePoll = null;
                }
            }
        }
    }

    private async Task<Outcome> PollAsync(int limit, TimeSpan wait, Stopwatch started, Task superseded, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (superseded.IsCompleted)
                {
                    return Fail(OtherPoller);
                }

                if (_updates.Count > 0 || started.Elapsed >= wait)
                {
                    return Ok(new JsonArray([.. _updates.Take(limit).Select(update => update.Update.DeepClone())]));
                }

                arrived = _updateArrived.Task;
            }

            var remaining = wait - started.Elapsed;
            try
            {
                await Task.WhenAny(arrived, superseded).WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The long poll ends empty, as Telegram's does when its timeout passes.
            }
            catch (OperationCanceledException)
            {
                return Ok(new JsonArray());
            }
        }
    }

    private void Confirm(long? offset)
    {
        if (offset >= 0)
        {
            _updates.RemoveAll(update => update.Id < offset);
        }
        else if (offset is { } fromEnd)
        {
            _updates.RemoveRange(0, (int)Math.Max(0, _updates.Count + fromEnd));
        }
    }

    /// <summary>Queues an update unless <c>allowed_updates</c> excludes its kind, then wakes pollers and the webhook loop.</summary>
    private void Enqueue(string kind, JsonObject payload)
    {
        if (_allowedUpdates is { } allowed && !allowed.Contains(kind))
        {
            return;
        }

        var id = ++_nextUpdateId;
        var update = new JsonObject { ["update_id"] = id, [kind] = payload };
        _updates.Add((id, update));
        _everyUpdate[id] = (JsonObject)update.DeepClone();
        Wake();
    }

    /// <summary>Ends the current waits (long polls, the idle webhook loop) so they look at the state again. Caller holds the lock.</summary>
    private void Wake()
    {
        var arrived = _updateArrived;
        _updateArrived = NewSignal();
        arrived.TrySetResult();
    }
}
