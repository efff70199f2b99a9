using System.Diagnostics.Metrics;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>How late each scheduled run was queued after its due time (<see cref="MetricNames.ScheduleLateness"/>).</summary>
internal sealed class SchedulerMetrics
{
    public const string MeterName = MetricNames.MeterPrefix + "Scheduler";

    private static readonly KeyValuePair<string, object?> Plugin = new("plugin", "scheduler");
    private readonly Histogram<double> _lateness;

    public SchedulerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _lateness = meters.Create(MeterName).CreateHistogram<double>(MetricNames.ScheduleLateness, "s", "How late a scheduled run was queued after its due time");
    }

    public void Queued(TimeSpan late) => _lateness.Record(Math.Max(0, late.TotalSeconds), Plugin);
}
