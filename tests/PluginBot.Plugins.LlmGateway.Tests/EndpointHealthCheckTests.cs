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

    [Fact]
    public async Task A_gateway_url_with_a_password_is_named_without_it_when_ready_and_when_down()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var up = new EndpointHealthCheck(Endpoints.OpenAi(new UriBuilder(fake.BaseAddress) { UserName = "proxy", Password = "pa55-word", Path = "/v1" }.Uri));
        var closed = new UriBuilder(Endpoints.ClosedPort()) { UserName = "proxy", Password = "pa55-word" }.Uri;
        var down = new EndpointHealthCheck(Endpoints.OpenAi(closed));

        var ready = await up.CheckHealthAsync(new HealthCheckContext());
        var failed = await down.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal($"gateway at http://***@127.0.0.1:{fake.BaseAddress.Port}/v1 lists 1 models.", ready.Description);
        Assert.Equal($"cannot reach http://***@127.0.0.1:{closed.Port}/ (gateway): is the gateway running?", failed.Description);
    }
}
