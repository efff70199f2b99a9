namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>
/// Gives every outgoing call its turn: calls to one chat run one at a time in the order they were asked for (so
/// messages arrive in order even when an earlier request is slow or retried), evenly spaced per chat (private chats
/// and groups have different limits), and at least the global spacing apart from every other call. Even spacing keeps
/// every sliding window Telegram measures under its limit. A 429's retry_after pushes that chat's next slot.
/// </summary>
internal sealed class SendSchedule(SendLimits limits, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset> _chatNext = [];
    private readonly Dictionary<long, Task> _chatTail = [];
    private readonly List<DateTimeOffset> _globalSlots = [];

    /// <summary>Waits for the chat's previous call and for a free slot; dispose the turn when the call is done.</summary>
    public async Task<Turn> EnterAsync(ChatTarget target, CancellationToken cancellationToken)
    {
        var turn = new Turn(this, target);
        Task previous;
        lock (_gate)
        {
            previous = _chatTail.GetValueOrDefault(target.ChatId) ?? Task.CompletedTask;
            _chatTail[target.ChatId] = turn.Done;
        }

        try
        {
            await previous.WaitAsync(cancellationToken);
            await WaitTurnAsync(target, cancellationToken);
            return turn;
        }
        catch
        {
            // Given up (cancelled): the next call in line still waits for the one before this, not just for this.
            _ = previous.ContinueWith(_ => turn.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>Waits only for a free slot (no ordering with other calls to the chat).</summary>
    public async Task WaitTurnAsync(ChatTarget target, CancellationToken cancellationToken)
    {
        var delay = Reserve(target) - time.GetUtcNow();
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    /// <summary>Telegram said "retry after": nothing more goes to this chat before then.</summary>
    public void Pause(ChatTarget target, TimeSpan wait)
    {
        lock (_gate)
        {
            var until = time.GetUtcNow() + wait;
            if (!_chatNext.TryGetValue(target.ChatId, out var next) || next < until)
            {
                _chatNext[target.ChatId] = until;
            }
        }
    }

    private DateTimeOffset Reserve(ChatTarget target)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            Prune(now);
            var slot = _chatNext.TryGetValue(target.ChatId, out var next) && next > now ? next : now;
            slot = FreeGlobalSlot(slot);
            _chatNext[target.ChatId] = slot + Spacing(target);
            return slot;
        }
    }

    /// <summary>The first time at or after <paramref name="wanted"/> that is a global spacing away from every reserved slot.</summary>
    private DateTimeOffset FreeGlobalSlot(DateTimeOffset wanted)
    {
        var spacing = limits.GlobalSpacing;
        var index = 0;
        while (index < _globalSlots.Count && _globalSlots[index] <= wanted - spacing)
        {
            index++;
        }

        for (; index < _globalSlots.Count; index++)
        {
            var taken = _globalSlots[index];
            if (taken >= wanted + spacing)
            {
                break;
            }

            wanted = taken + spacing;
        }

        _globalSlots.Insert(index, wanted);
        return wanted;
    }

    /// <summary>
    /// Telegram counts a message when it arrives, which can be later than its slot (a slow first connection, jitter);
    /// spacing the next call from the end of this one keeps the chat under its limit however late this one landed.
    /// </summary>
    private void Leave(ChatTarget target, Task done)
    {
        lock (_gate)
        {
            if (_chatTail.TryGetValue(target.ChatId, out var tail) && ReferenceEquals(tail, done))
            {
                _chatTail.Remove(target.ChatId);
            }

            var earliest = time.GetUtcNow() + Spacing(target);
            if (!_chatNext.TryGetValue(target.ChatId, out var next) || next < earliest)
            {
                _chatNext[target.ChatId] = earliest;
            }
        }
    }

    private TimeSpan Spacing(ChatTarget target) => target.IsPrivate ? limits.PrivateChatSpacing : limits.GroupSpacing;

    private void Prune(DateTimeOffset now)
    {
        var stale = _globalSlots.FindIndex(s => s > now - limits.GlobalSpacing);
        _globalSlots.RemoveRange(0, stale < 0 ? _globalSlots.Count : stale);
        if (_chatNext.Count > 4096)
        {
            foreach (var chat in _chatNext.Where(c => c.Value <= now).Select(c => c.Key).ToList())
            {
                _chatNext.Remove(chat);
            }
        }
    }

    /// <summary>A chat's turn; the next call to the chat starts once it is disposed.</summary>
    internal sealed class Turn(SendSchedule schedule, ChatTarget target) : IDisposable
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        private int _disposed;

        public void Dispose()
        {
            // The chat's next slot is set before the next call in line is released.
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                schedule.Leave(target, _done.Task);
                _done.SetResult();
            }
        }
    }
}
