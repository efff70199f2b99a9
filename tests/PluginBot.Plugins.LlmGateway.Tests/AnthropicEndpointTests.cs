using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class AnthropicEndpointTests
{
    private const string Model = "claude-sonnet-4-5";

    [Fact]
    public async Task A_streamed_answer_arrives_in_pieces_with_its_usage()
    {
        await using var fake = await StartAsync();
        fake.Enqueue(FakeReply.WithText("The quick brown fox jumps", chunks: 5) with { Usage = new FakeUsage(100, 40, CachedInputTokens: 64) });
        var client = Endpoints.Anthropic(fake.BaseAddress).CreateClient(Model);

        var updates = await client.GetStreamingResponseAsync("hi", new ChatOptions { MaxOutputTokens = 200 }).ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal("The quick brown fox jumps", response.Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 5);
        Assert.NotNull(response.Usage);
        Assert.Equal(40, response.Usage.OutputTokenCount);
        Assert.Equal(64, response.Usage.CachedInputTokenCount);
        Assert.True(response.Usage.InputTokenCount >= 100 - 64);
        Assert.Equal(Model, fake.LastCall.Model);
        Assert.Equal($"Bearer {Endpoints.Token}", fake.LastCall.Header("Authorization"));
    }

    [Fact]
    public async Task The_call_context_is_not_sent_to_anthropic()
    {
        await using var fake = await StartAsync();
        var client = Endpoints.Anthropic(fake.BaseAddress).CreateClient(Model);
        var options = new ChatOptions { MaxOutputTokens = 200, AdditionalProperties = new() { [LlmKeys.CallContext] = Endpoints.Context } };

        await client.GetResponseAsync("hi", options);

        Assert.DoesNotContain(LlmKeys.CallContext, fake.LastCall.Body.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rate_limit_is_classified_with_the_wait_anthropic_asked_for()
    {
        await using var fake = await StartAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.RateLimit(23)));

        var failure = await Failures.Of(Endpoints.Anthropic(fake.BaseAddress), streamed: true, Model);

        Assert.Equal(LlmFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(23), failure.RetryAfter);
        Assert.StartsWith("gateway is rate limiting calls (429)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overloaded_is_a_transient_server_error()
    {
        await using var fake = await StartAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.Overloaded()));

        var failure = await Failures.Of(Endpoints.Anthropic(fake.BaseAddress), streamed: false, Model);

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.True(failure.IsTransient);
        Assert.Equal("gateway is overloaded (529): try again shortly or use another model.", failure.Message);
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_failure()
    {
        await using var fake = await StartAsync();

        var failure = await Failures.Of(Endpoints.Anthropic(fake.BaseAddress, token: "sk-ant-wrong"), streamed: false, Model);

        Assert.Equal(LlmFailureKind.Authentication, failure.Kind);
        Assert.DoesNotContain("sk-ant-wrong", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_says_what_to_run()
    {
        await using var fake = await StartAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.NotFound("claude-9")));

        var failure = await Failures.Of(Endpoints.Anthropic(fake.BaseAddress), streamed: false, "claude-9");

        Assert.Equal(LlmFailureKind.ModelNotFound, failure.Kind);
        Assert.Equal("model 'claude-9' is not available on gateway: run `pluginbot models`.", failure.Message);
    }

    [Fact]
    public async Task An_unreachable_anthropic_url_is_a_connection_failure()
    {
        var url = Endpoints.ClosedPort();

        var failure = await Failures.Of(Endpoints.Anthropic(url), streamed: true, Model);

        Assert.Equal(LlmFailureKind.Connection, failure.Kind);
        Assert.StartsWith($"cannot reach {url} (gateway)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_are_listed_from_the_anthropic_models_api_and_make_the_endpoint_ready()
    {
        await using var models = new AnthropicModelsServer { Models = ["claude-sonnet-4-5", "claude-haiku-4-5"] };
        await models.StartAsync();
        var endpoint = Endpoints.Anthropic(models.BaseAddress);

        var listed = await endpoint.ListModelsAsync(CancellationToken.None);
        var readiness = await endpoint.CheckReadyAsync(CancellationToken.None);

        Assert.Equal(["claude-haiku-4-5", "claude-sonnet-4-5"], listed);
        Assert.True(readiness.Ready);
        Assert.Equal($"Bearer {Endpoints.Token}", models.Requests.Last().Headers["Authorization"]);
    }

    private static async Task<FakeAnthropicServer> StartAsync()
    {
        var fake = new FakeAnthropicServer { ApiKey = Endpoints.Token };
        await fake.StartAsync();
        return fake;
    }
}
