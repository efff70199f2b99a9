using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PluginBot.Abstractions.Operations;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

public sealed class TasksMetricsTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task The_gauges_count_tasks_by_state_and_the_queue_depth_from_the_database()
    {
        var id = await Host.StartAsync("summarise the notes", HostFixture.User);
        await Host.WaitForAsync(id);
        var meters = Host.Services.GetRequiredService<IMeterFactory>();
        using var tasks = new MetricCollector<int>(meters, "PluginBot.Tasks", MetricNames.Tasks);
        using var depth = new MetricCollector<int>(meters, "PluginBot.Tasks", MetricNames.TaskQueueDepth);

        // The gauges read the database at most every few seconds: wait for a reading of this test's database.
        IReadOnlyList<CollectedMeasurement<int>> states = [];
        await Eventually.UntilAsync(() =>
        {
            tasks.RecordObservableInstruments();
            states = tasks.GetMeasurementSnapshot(clear: true);
            return states.Any(m => (string?)m.Tags["state"] == "completed" && m.Value == 1);
        });
        depth.RecordObservableInstruments();

        Assert.Equal(0, depth.LastMeasurement?.Value);
        Assert.Equal(["budget_exceeded", "cancelled", "completed", "failed", "interrupted", "queued", "running", "waiting"],
            states.Select(m => (string)m.Tags["state"]!).Order(StringComparer.Ordinal));
        Assert.Equal(1, states.Sum(m => m.Value));
    }
}
