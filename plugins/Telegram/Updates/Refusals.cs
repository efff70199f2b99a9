using System.Collections.Concurrent;

namespace PluginBot.Plugins.Telegram.Updates;

/// <summary>
/// Someone not on the allow-list hears once why not, with the id an admin needs; repeating the refusal to every
/// message would let a stranger make the bot spam (and eat the flood budget), so it is said at most once per period.
/// </summary>
internal sealed class Refusals(TimeProvider time)
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<long, DateTimeOffset> _lastRefused = new();

    public static string Text(long userId) =>
        $"You are not on this bot's allow-list. Your Telegram id is {userId}: send it to an admin, who can let you in with /allow {userId}.";

    /// <summary>True when the refusal should be said now (and remembers that it was).</summary>
    public bool ShouldRefuse(long userId)
    {
        var now = time.GetUtcNow();
        if (_lastRefused.TryGetValue(userId, out var last) && now - last < Period)
        {
            return false;
        }

        _lastRefused[userId] = now;
        if (_lastRefused.Count > 10_000)
        {
            foreach (var stale in _lastRefused.Where(p => now - p.Value >= Period).Select(p => p.Key).ToList())
            {
                _lastRefused.TryRemove(stale, out _);
            }
        }

        return true;
    }
}
