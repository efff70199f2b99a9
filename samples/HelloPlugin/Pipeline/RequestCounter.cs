using System.Collections.Concurrent;

namespace HelloPlugin.Pipeline;

/// <summary>How many of the plugin's requests reached <see cref="CountingBehavior{TRequest, TResponse}"/>, by request name.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Record(string requestName) => _counts.AddOrUpdate(requestName, 1, (_, count) => count + 1);

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);
}
