using System.Diagnostics.Metrics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Operations;
using PluginBot.Plugins.Models.Tests.Support;
using PluginBot.Plugins.Models.Usage;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Models.Tests.Usage;

[Collection(RouterCollection.Name)]
public sealed class ModelMetricsTests(RouterFixture host) : HostTest<RouterFixture>(host)
{
    private IMeterFactory Meters => Host.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task A_model_call_counts_its_attempt_duration_and_tokens_by_endpoint_and_model()
    {
        using var calls = new MetricCollector<long>(Meters, ModelMetrics.MeterName, MetricNames.ModelCalls);
        using var tokens = new MetricCollector<long>(Meters, ModelMetrics.MeterName, MetricNames.ModelTokens);
        var call = new LlmCallCompleted(Guid.NewGuid(), new LlmCallContext { Actor = HostFixture.User }, "metrics-endpoint", "openai", "gpt-test", false,
            new LlmUsage(120, 30, 100, 0), null, TimeSpan.FromMilliseconds(850), LlmCallOutcome.Completed, null, 1, DateTime.UtcNow);

        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(call);
        }

        await Eventually.UntilAsync(() => tokens.GetMeasurementSnapshot().Count(m => Tag(m.Tags, "endpoint") == "metrics-endpoint") == 3);
        var attempt = Assert.Single(calls.GetMeasurementSnapshot(), m => Tag(m.Tags, "endpoint") == "metrics-endpoint");
        Assert.Equal(("metrics-endpoint", "gpt-test", "completed"), (Tag(attempt.Tags, "endpoint"), Tag(attempt.Tags, "model"), Tag(attempt.Tags, "outcome")));
        var byKind = tokens.GetMeasurementSnapshot().Where(m => Tag(m.Tags, "endpoint") == "metrics-endpoint").ToDictionary(m => Tag(m.Tags, "kind")!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["input"] = 120, ["output"] = 30, ["cached_input"] = 100 }, byKind);
    }

    private static string? Tag(IReadOnlyDictionary<string, object?> tags, string name) => tags.TryGetValue(name, out var value) ? value as string : null;
}
