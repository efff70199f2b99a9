using System.Collections.Concurrent;

namespace PluginBot.TestPlugins.Good;

/// <summary>The pings recorded by <see cref="PingedRecorder"/>, kept for the life of the host.</summary>
public sealed class PingLog
{
    private readonly ConcurrentQueue<string> _texts = new();

    public IEnumerable<string> Texts => _texts;

    public void Add(string text) => _texts.Enqueue(text);
}
