using PluginBot.Abstractions.Operations;

namespace PluginBot.Host.Operations;

/// <summary>The registry behind <see cref="ILoopLiveness"/>: which loops are registered, and which went silent for too long.</summary>
internal sealed class LoopLiveness(TimeProvider time) : ILoopLiveness
{
    private readonly Lock _gate = new();
    private readonly List<Loop> _loops = [];

    public ILoopBeat Register(string name, TimeSpan maxSilence)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(maxSilence, TimeSpan.Zero);
        var loop = new Loop(this, name, maxSilence, time.GetTimestamp());
        lock (_gate)
        {
            _loops.Add(loop);
        }

        return loop;
    }

    /// <summary>Every registered loop with how long it has been silent.</summary>
    public IReadOnlyList<(string Name, TimeSpan Silence, TimeSpan MaxSilence)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _loops.Select(l => (l.Name, time.GetElapsedTime(l.LastBeat), l.MaxSilence))];
        }
    }

    /// <summary>The loops silent for longer than they may be; empty while all is well.</summary>
    public IReadOnlyList<string> Stalled() => [.. Snapshot().Where(l => l.Silence > l.MaxSilence).Select(l => l.Name)];

    private long Now() => time.GetTimestamp();

    private void Remove(Loop loop)
    {
        lock (_gate)
        {
            _loops.Remove(loop);
        }
    }

    private sealed class Loop(LoopLiveness owner, string name, TimeSpan maxSilence, long started) : ILoopBeat
    {
        private long _lastBeat = started;

        public string Name => name;

        public TimeSpan MaxSilence => maxSilence;

        public long LastBeat => Interlocked.Read(ref _lastBeat);

        public void Beat() => Interlocked.Exchange(ref _lastBeat, owner.Now());

        public void Dispose() => owner.Remove(this);
    }
}
