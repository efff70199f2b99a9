using System.Collections.Concurrent;
using System.Text;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>Why a run was cancelled; decides what the run writes when it ends.</summary>
internal enum StopReason
{
    /// <summary>A person stopped it; the stop already wrote the final state.</summary>
    Stopped,

    /// <summary>The process is shutting down: release the task to resume later.</summary>
    Shutdown,

    /// <summary>Another process or a person changed it; nothing to write.</summary>
    LeaseLost,

    /// <summary>No output or progress for too long.</summary>
    Idle,

    /// <summary>Ran past the maximum duration.</summary>
    TooLong,
}

/// <summary>The tasks this process is running, with what the card and the watchdog need to know about each.</summary>
internal sealed class RunningTasks
{
    private readonly ConcurrentDictionary<string, RunningTask> _runs = new(StringComparer.Ordinal);

    public int Count => _runs.Count;

    public IEnumerable<RunningTask> All => _runs.Values;

    public IReadOnlyCollection<string> Ids => [.. _runs.Keys];

    public RunningTask? Find(string id) => _runs.GetValueOrDefault(id);

    public bool TryAdd(RunningTask run) => _runs.TryAdd(run.Id, run);

    public void Remove(RunningTask run) => _runs.TryRemove(new KeyValuePair<string, RunningTask>(run.Id, run));

    /// <summary>Cancels the run of <paramref name="id"/> here, if it runs here.</summary>
    public void Stop(string id, StopReason reason) => Find(id)?.Stop(reason);
}

/// <summary>One task running in this process.</summary>
internal sealed class RunningTask(string id, TimeProvider time, long ranForMsBefore) : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private readonly StringBuilder _pending = new();
    private readonly long _startedAt = time.GetTimestamp();
    private long _lastActivity = time.GetTimestamp();
    private int _reason = -1;

    public string Id { get; } = id;

    public CancellationToken Token => _cancellation.Token;

    /// <summary>Why it was stopped, or null while it runs.</summary>
    public StopReason? Reason => _reason < 0 ? null : (StopReason)_reason;

    public TaskStage Stage { get; private set; } = new(TaskStageKind.Starting);

    public int Step { get; set; }

    /// <summary>True when the task came from a chat, so it has a card to refresh.</summary>
    public bool HasConversation { get; init; }

    public TimeSpan IdleFor => time.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>Running time over every run of the task, this one included.</summary>
    public long RanForMs => ranForMsBefore + (long)time.GetElapsedTime(_startedAt).TotalMilliseconds;

    /// <summary>Output of the step in progress, not yet saved.</summary>
    public string Pending
    {
        get
        {
            lock (_pending)
            {
                return _pending.ToString();
            }
        }
    }

    public void Write(string text)
    {
        lock (_pending)
        {
            _pending.Append(text);
        }

        Touch();
    }

    /// <summary>Takes the pending output for saving; <see cref="Restore"/> puts it back if the save fails.</summary>
    public string TakePending()
    {
        lock (_pending)
        {
            var text = _pending.ToString();
            _pending.Clear();
            return text;
        }
    }

    public void Restore(string text)
    {
        lock (_pending)
        {
            _pending.Insert(0, text);
        }
    }

    public void Report(TaskStage stage)
    {
        Stage = stage;
        Touch();
    }

    public void Touch() => Interlocked.Exchange(ref _lastActivity, time.GetTimestamp());

    /// <summary>The first reason wins: a stop followed by a shutdown is still a stop.</summary>
    public void Stop(StopReason reason)
    {
        if (Interlocked.CompareExchange(ref _reason, (int)reason, -1) != -1)
        {
            return;
        }

        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The run ended meanwhile.
        }
    }

    public void Dispose() => _cancellation.Dispose();
}

/// <summary>Wakes the workers when there may be work: a task was queued or a run ended.</summary>
internal sealed class TaskSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => await _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
