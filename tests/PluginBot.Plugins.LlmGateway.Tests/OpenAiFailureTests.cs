using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class OpenAiFailureTests
{
    [Fact]
    public async Task A_wrong_token_is_an_authentication_failure_that_names_the_setting_but_not_the_token()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var endpoint = Endpoints.OpenAi(fake.BaseAddress, token: "sk-wrong-token-777");

        var failure = await Failures.Of(endpoint, streamed: false);

        Assert.Equal(LlmFailureKind.Authentication, failure.Kind);
        Assert.Equal("gateway rejected the token: check LLM_GATEWAY_TOKEN (Plugins:LlmGateway:Token).", failure.Message);
        Assert.DoesNotContain("sk-wrong-token-777", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_says_which_model_and_what_to_run()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.ModelNotFound("gpt-9")));

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: false, model: "gpt-9");

        Assert.Equal(LlmFailureKind.ModelNotFound, failure.Kind);
        Assert.Equal("model 'gpt-9' is not available on gateway: run `pluginbot models`.", failure.Message);
    }

    [Fact]
    public async Task A_rate_limit_carries_the_wait_the_gateway_asked_for()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.RateLimit(17)));

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: true);

        Assert.Equal(LlmFailureKind.RateLimited, failure.Kind);
        Assert.Equal(TimeSpan.FromSeconds(17), failure.RetryAfter);
        Assert.True(failure.IsTransient);
        Assert.StartsWith("gateway is rate limiting calls (429)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("wait 17 s", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_transient_and_says_so()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.ServerError()));

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: false);

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.StartsWith("gateway failed on its side (500)", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("try again or use another model.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_port_is_a_connection_failure_naming_the_url()
    {
        var url = Endpoints.ClosedPort();

        var failure = await Failures.Of(Endpoints.OpenAi(url), streamed: true);

        Assert.Equal(LlmFailureKind.Connection, failure.Kind);
        Assert.Equal($"cannot reach {url} (gateway): is the gateway running?", failure.Message);
    }

    [Fact]
    public async Task A_stream_cut_after_the_first_words_is_an_invalid_response()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithText("one two three four", chunks: 4) with { CutAfterFrames = 2 });

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: true);

        Assert.Equal(LlmFailureKind.InvalidResponse, failure.Kind);
        Assert.Equal("the answer from gateway broke off before it was complete: try again.", failure.Message);
    }

    [Fact]
    public async Task Garbage_in_the_event_stream_is_an_invalid_response()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(new FakeReply { Malformed = MalformedFrame.NonJsonData });

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: true);

        Assert.Equal(LlmFailureKind.InvalidResponse, failure.Kind);
        Assert.Contains("is an OpenAI-compatible API", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gateway_that_never_answers_times_out_after_the_configured_time()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.Hanging());

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress, timeout: TimeSpan.FromSeconds(1)), streamed: false);

        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
        Assert.Equal("gateway did not answer within 1 s: try again, or raise Plugins:LlmGateway:TimeoutSeconds for long generations.", failure.Message);
    }

    [Fact]
    public async Task A_call_the_caller_cancelled_is_not_reported_as_a_time_out()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.Hanging());
        var endpoint = Endpoints.OpenAi(fake.BaseAddress);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => endpoint.CreateClient(Endpoints.Model).GetResponseAsync("hi", cancellationToken: cancel.Token));

        var failure = endpoint.Classify(exception);
        Assert.Equal(LlmFailureKind.Unknown, failure.Kind);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task No_failure_message_ever_contains_the_token()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.InvalidRequest($"bad key {Endpoints.Token} in request")));

        var failure = await Failures.Of(Endpoints.OpenAi(fake.BaseAddress), streamed: false);

        Assert.Equal(LlmFailureKind.BadRequest, failure.Kind);
        Assert.DoesNotContain(Endpoints.Token, failure.Message, StringComparison.Ordinal);
        Assert.Contains("bad key *** in request", failure.Message, StringComparison.Ordinal);
    }
}
