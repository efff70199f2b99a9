using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class OpenAiModelsTests
{
    [Fact]
    public async Task Models_are_listed_from_the_gateways_models_endpoint()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Models = ["gpt-4o-mini", "anthropic/claude-sonnet-4-5", "gpt-4o"];

        var models = await Endpoints.OpenAi(fake.BaseAddress).ListModelsAsync(CancellationToken.None);

        Assert.Equal(["anthropic/claude-sonnet-4-5", "gpt-4o", "gpt-4o-mini"], models);
        Assert.Contains(fake.Requests, r => r.Method == "GET" && r.Path == "/v1/models");
    }

    [Fact]
    public async Task An_answering_gateway_is_ready()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();

        var readiness = await Endpoints.OpenAi(fake.BaseAddress).CheckReadyAsync(CancellationToken.None);

        Assert.True(readiness.Ready);
        Assert.Contains("lists 1 models", readiness.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_is_down_is_not_ready_and_says_why()
    {
        var url = Endpoints.ClosedPort();

        var readiness = await Endpoints.OpenAi(url).CheckReadyAsync(CancellationToken.None);

        Assert.False(readiness.Ready);
        Assert.Equal($"cannot reach {url} (gateway): is the gateway running?", readiness.Detail);
    }

    [Fact]
    public async Task A_gateway_refusing_the_token_is_not_ready_and_the_detail_names_the_setting()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();

        var readiness = await Endpoints.OpenAi(fake.BaseAddress, token: "sk-other").CheckReadyAsync(CancellationToken.None);

        Assert.False(readiness.Ready);
        Assert.Contains("LLM_GATEWAY_TOKEN", readiness.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-other", readiness.Detail, StringComparison.Ordinal);
    }
}
