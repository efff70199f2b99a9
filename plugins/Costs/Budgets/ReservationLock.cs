using System.Collections.Concurrent;

namespace PluginBot.Plugins.Costs.Budgets;

/// <summary>
/// Makes "check the budgets, then reserve" one step for every call in this process, so concurrent calls cannot
/// all pass a check that only one of them fits; and knows which reservations belong to calls still running here, and
/// of which model. Other processes on the same file are kept out by the database's write transaction, not this lock:
/// it stays so that this process's calls queue here rather than in SQLite's busy wait.
/// </summary>
internal sealed class ReservationLock : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<Guid, string> _running = new();

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Release(_gate);
    }

    public void Started(Guid attemptId, string model) => _running.TryAdd(attemptId, model);

    /// <summary>The model of a call still running here; null for one this process did not start.</summary>
    public string? ModelOf(Guid attemptId) => _running.TryGetValue(attemptId, out var model) ? model : null;

    public void Ended(Guid attemptId) => _running.TryRemove(attemptId, out _);

    public IReadOnlyCollection<Guid> Running => [.. _running.Keys];

    public void Dispose() => _gate.Dispose();

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
