using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class EndpointHealthCheckTests
{
    [Fact]
    public async Task An_answering_endpoint_is_healthy()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var check = new EndpointHealthCheck(Endpoints.OpenAi(fake.BaseAddress));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task An_endpoint_that_is_down_is_degraded_with_the_reason()
    {
        var url = Endpoints.ClosedPort();
        var check = new EndpointHealthCheck(Endpoints.OpenAi(url));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal($"cannot reach {url} (gateway): is the gateway running?", result.Description);
    }
}
