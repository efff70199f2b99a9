using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace PluginBot.TestKit;

/// <summary>
/// A fake clock that also records how long each timer created on it was due in (every <c>Task.Delay</c> on this
/// clock is one). Code under test that waits on the clock is then visible: a test waits until it waits, checks for
/// how long, and moves the clock, instead of sleeping and hoping the code got there.
/// </summary>
public sealed class RecordingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public RecordingClock()
        : this(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>The due time of every timer created so far, oldest first.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>Waits until a timer due in <paramref name="dueTime"/> is created after the first <paramref name="since"/> ones.</summary>
    public Task UntilWaitingAsync(TimeSpan dueTime, int since = 0) =>
        Eventually.UntilAsync(() => Waits.Skip(since).Contains(dueTime));
}
