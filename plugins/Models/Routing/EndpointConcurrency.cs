using System.Collections.Concurrent;

namespace PluginBot.Plugins.Models.Routing;

/// <summary>At most <c>Plugins:Models:Endpoints:&lt;name&gt;:MaxConcurrency</c> calls in flight per endpoint (held for a whole stream).</summary>
internal sealed class EndpointConcurrency(ModelsSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);
    private int _waiting;

    /// <summary>Calls waiting for a slot on any endpoint; tests wait for it instead of guessing how long a call takes to queue.</summary>
    internal int Waiting => Volatile.Read(ref _waiting);

    public async Task<IDisposable> EnterAsync(string endpoint, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(endpoint, name =>
            new SemaphoreSlim(settings.MaxConcurrency.TryGetValue(name, out var limit) ? limit : settings.DefaultMaxConcurrency));
        if (gate.Wait(0, CancellationToken.None))
        {
            return new Release(gate);
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            await gate.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return new Release(gate);
    }

    public void Dispose()
    {
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

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
