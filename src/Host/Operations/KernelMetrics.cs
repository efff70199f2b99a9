using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Operations;
using PluginBot.Host.Events;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Operations;

/// <summary>
/// The kernel's instruments (meter <c>PluginBot.Kernel</c>): requests through the pipeline, the outbox
/// backlog and how long each loop has been silent. The gauges that query the database read it at scrape time, at most
/// once per <see cref="GaugeLifetime"/>.
/// </summary>
internal sealed class KernelMetrics
{
    public const string MeterName = MetricNames.MeterPrefix + "Kernel";

    internal static readonly TimeSpan GaugeLifetime = TimeSpan.FromSeconds(5);

    public KernelMetrics(IMeterFactory meters, IServiceScopeFactory scopes, LoopLiveness loops, TimeProvider time)
    {
        var meter = meters.Create(MeterName);
        Requests = meter.CreateCounter<long>(MetricNames.Requests, "{request}", "Requests through the pipeline, by type and outcome.");
        RequestDuration = meter.CreateHistogram<double>(MetricNames.RequestDuration, "s", "Time from a request's start to its (or its stream's) end.");

        var backlog = new CachedReading<(int Pending, int GivenUp)>(() => ReadBacklog(scopes), GaugeLifetime, time);
        meter.CreateObservableGauge(MetricNames.OutboxBacklog, () => new[]
        {
            new Measurement<int>(backlog.Value.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new Measurement<int>(backlog.Value.GivenUp, new KeyValuePair<string, object?>("state", "given_up")),
        }, "{entry}", "Outbox entries not delivered yet: pending ones are still tried, given-up ones need an operator.");
        meter.CreateObservableGauge(MetricNames.LoopSilence, () => loops.Snapshot()
            .Select(l => new Measurement<double>(l.Silence.TotalSeconds, new KeyValuePair<string, object?>("loop", l.Name))), "s",
            "Seconds since each background loop last beat; the systemd watchdog stops pinging when one passes its limit.");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> RequestDuration { get; }

    public void RecordRequest(string type, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList { { "type", type }, { "outcome", outcome } };
        Requests.Add(1, tags);
        RequestDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static (int Pending, int GivenUp) ReadBacklog(IServiceScopeFactory scopes)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var outbox = scope.ServiceProvider.GetRequiredService<KernelDbContext>().Outbox.AsNoTracking().Where(o => o.DispatchedAtUtc == null);
            return (outbox.Count(o => o.Attempts < OutboxDispatcher.MaxAttempts), outbox.Count(o => o.Attempts >= OutboxDispatcher.MaxAttempts));
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // A scrape must not fail because the database is busy or gone; the readiness check reports that.
            return (-1, -1);
        }
    }
}
