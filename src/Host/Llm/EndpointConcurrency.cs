using System.Collections.Concurrent;

namespace PluginBot.Host.Llm;

/// <summary>At most <c>Models:Endpoints:&lt;name&gt;:MaxConcurrency</c> calls in flight per endpoint (held for a whole stream).</summary>
internal sealed class EndpointConcurrency(ModelsSettings settings) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string endpoint, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(endpoint, name =>
            new SemaphoreSlim(settings.MaxConcurrency.TryGetValue(name, out var limit) ? limit : settings.DefaultMaxConcurrency));
        await gate.WaitAsync(cancellationToken);
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
