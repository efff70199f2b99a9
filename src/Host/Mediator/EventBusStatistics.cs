using System.Diagnostics.Metrics;

namespace PluginBot.Host.Mediator;

/// <summary>Counts event handler failures and time-outs (also exported as metrics under <c>PluginBot.EventBus</c>).</summary>
internal sealed class EventBusStatistics : IDisposable
{
    private readonly Meter _meter = new("PluginBot.EventBus");
    private readonly Counter<long> _failures;
    private readonly Counter<long> _timeouts;
    private long _failureCount;
    private long _timeoutCount;

    public EventBusStatistics()
    {
        _failures = _meter.CreateCounter<long>("pluginbot.events.handler_failures");
        _timeouts = _meter.CreateCounter<long>("pluginbot.events.handler_timeouts");
    }

    public long Failures => Interlocked.Read(ref _failureCount);

    public long Timeouts => Interlocked.Read(ref _timeoutCount);

    public void Failed(Type handler)
    {
        Interlocked.Increment(ref _failureCount);
        _failures.Add(1, new KeyValuePair<string, object?>("handler", handler.Name));
    }

    public void TimedOut(Type handler)
    {
        Interlocked.Increment(ref _timeoutCount);
        _timeouts.Add(1, new KeyValuePair<string, object?>("handler", handler.Name));
    }

    public void Dispose() => _meter.Dispose();
}
