using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PluginBot.Abstractions.Operations;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Ledger;

public sealed class CostsMetricsTests(CostsFixture fixture) : CostsTest(fixture)
{
    [Fact]
    public async Task The_cost_counter_adds_up_the_ledger_by_endpoint_and_model()
    {
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.User);
        Host.Clock.Advance(TimeSpan.FromMinutes(1)); // past the reading's lifetime
        using var cost = new MetricCollector<double>(Host.Services.GetRequiredService<IMeterFactory>(), "PluginBot.Costs", MetricNames.ModelCost);

        cost.RecordObservableInstruments();

        // Two calls of 12 input and 7 output tokens at $1,000 / $2,000 per million.
        var spent = Assert.Single(cost.GetMeasurementSnapshot());
        Assert.Equal(("gateway", "gpt-test"), ((string?)spent.Tags["endpoint"], (string?)spent.Tags["model"]));
        Assert.Equal(2 * ((12 * 1000) + (7 * 2000)) / 1_000_000d, spent.Value, 9);
    }
}
