namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>
/// Gives every outgoing call a time slot: evenly spaced per chat (private chats and groups have different limits)
/// and at least the global spacing apart from every other call. Even spacing keeps every sliding window Telegram
/// measures under its limit, without bursts that would earn a 429. A 429's retry_after pushes that chat's next slot.
/// </summary>
internal sealed class SendSchedule(SendLimits limits, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset> _chatNext = [];
    private readonly List<DateTimeOffset> _globalSlots = [];

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
            _chatNext[target.ChatId] = slot + (target.IsPrivate ? limits.PrivateChatSpacing : limits.GroupSpacing);
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
}
