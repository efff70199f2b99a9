using System.Collections.Concurrent;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// A refused request that is not <c>[Audited]</c> is recorded at most once a minute for one person, action and
/// outcome: someone hammering a command they may not use, or past their rate limit, leaves a row a minute, not one a
/// try, so the refusals cannot fill the audit table.
/// </summary>
internal sealed class RefusalThrottle(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<(long Actor, string Action, string Outcome), DateTimeOffset> _last = new();

    /// <summary>True when this refusal is the first of its kind in the window (and so should get a row).</summary>
    public bool ShouldRecord(long actorId, string action, string outcome)
    {
        var key = (actorId, action, outcome);
        var now = time.GetUtcNow();
        while (true)
        {
            if (!_last.TryGetValue(key, out var last))
            {
                if (_last.TryAdd(key, now))
                {
                    Prune(now);
                    return true;
                }
            }
            else if (now - last < Window)
            {
                return false;
            }
            else if (_last.TryUpdate(key, now, last))
            {
                return true;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        if (_last.Count <= PruneAbove)
        {
            return;
        }

        foreach (var stale in _last.Where(e => now - e.Value >= Window).Select(e => e.Key).ToList())
        {
            _last.TryRemove(stale, out _);
        }
    }
}
