using System.Diagnostics.Metrics;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Operations;
using PluginBot.Host.Identity;
using PluginBot.Host.Operations;
using PluginBot.Host.Storage;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Operations;

[Collection(KernelCollection.Name)]
public sealed class KernelMetricsTests(HostFixture host) : HostTest<HostFixture>(host)
{
    private IMeterFactory Meters => Host.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task Every_request_is_counted_and_timed_by_type_and_outcome()
    {
        using var requests = new MetricCollector<long>(Meters, KernelMetrics.MeterName, MetricNames.Requests);
        using var durations = new MetricCollector<double>(Meters, KernelMetrics.MeterName, MetricNames.RequestDuration);

        await Host.SendAsync(new WhoAmI.Command(), HostFixture.User);
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new ListUsers.Command(), HostFixture.User));

        var counted = requests.GetMeasurementSnapshot();
        Assert.Contains(counted, m => Tag(m.Tags, "type") == "WhoAmI.Command" && Tag(m.Tags, "outcome") == "completed" && m.Value == 1);
        Assert.Contains(counted, m => Tag(m.Tags, "type") == "ListUsers.Command" && Tag(m.Tags, "outcome") == "forbidden");
        Assert.Contains(durations.GetMeasurementSnapshot(), m => Tag(m.Tags, "type") == "WhoAmI.Command" && m.Value >= 0);
    }

    [Fact]
    public async Task The_outbox_backlog_gauge_counts_pending_and_given_up_entries()
    {
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            db.Outbox.Add(new OutboxRow { DedupeKey = "given-up", EventType = "Nobody.Handles.This", PayloadJson = "{}", EnqueuedAtUtc = DateTime.UtcNow, Attempts = PluginBot.Host.Events.OutboxDispatcher.MaxAttempts, LastError = "test" });
            await db.SaveChangesAsync();
        }

        using var backlog = new MetricCollector<int>(Meters, KernelMetrics.MeterName, MetricNames.OutboxBacklog);

        // The gauge reads the database at most every few seconds: wait for a reading taken after the insert.
        await Eventually.UntilAsync(() =>
        {
            backlog.RecordObservableInstruments();
            return backlog.GetMeasurementSnapshot().Any(m => Tag(m.Tags, "state") == "given_up" && m.Value == 1);
        });
    }

    private static string? Tag(IReadOnlyDictionary<string, object?> tags, string name) => tags.TryGetValue(name, out var value) ? value as string : null;
}
