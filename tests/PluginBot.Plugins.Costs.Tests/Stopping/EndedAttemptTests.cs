using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Stopping;

/// <summary>
/// Every way a call can end before its answer is whole, through the router to each protocol's fake: what the provider
/// received is charged (never $0), what it refused or never got is not, and no attempt is left holding its reservation.
/// </summary>
public sealed class EndedAttemptTests(StoppingFixture fixture) : StoppingTest(fixture)
{
    private const string Story = "Once upon a time a small fox found a lantern in the wood and";
    private const string FirstThreePieces = "Once upon a time a small fox f";

    [Theory]
    [InlineData("gateway:gpt-test", 4)] // OpenAI SSE: the opening chunk, then a chunk per piece
    [InlineData("claude:claude-test", 6)] // Anthropic: message_start, content_block_start, ping, then a delta per piece
    [InlineData("ollama:llama-test", 3)] // Ollama NDJSON: a line per piece
    public async Task A_streamed_call_its_caller_cancels_midway_pays_for_its_prompt_and_the_words_received(string model, int framesForThreePieces)
    {
        FakeFor(model).Enqueue(FakeReply.WithText(Story, chunks: 6) with { PauseAfterFrames = framesForThreePieces });
        using var cancel = new CancellationTokenSource();
        var received = "";

        var call = Host.StreamAsync(model, update => received += update.Text, cancel.Token);
        await Eventually.UntilAsync(() => received == FirstThreePieces);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        StoppedAnswerTests.AssertChargedForWhatStreamed(await SettledAsync(), model[(model.IndexOf(':', StringComparison.Ordinal) + 1)..], FirstThreePieces, "Cancelled");
    }

    [Fact]
    public async Task A_stream_the_provider_cuts_off_pays_for_its_prompt_and_the_words_that_arrived()
    {
        Host.Gateway.Enqueue(FakeReply.WithText(Story, chunks: 6) with { CutAfterFrames = 4 });
        var received = "";

        var error = await Assert.ThrowsAsync<LlmCallFailedException>(() => Host.StreamAsync("gateway:gpt-test", update => received += update.Text, CancellationToken.None));

        Assert.Contains("broke off", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(received);
        StoppedAnswerTests.AssertChargedForWhatStreamed(await SettledAsync(), "gpt-test", received, "CutOff");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_call_that_times_out_waiting_for_its_first_token_pays_for_its_prompt(bool streamed)
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var call = streamed
            ? Host.StreamAsync("gateway:gpt-test", _ => { }, CancellationToken.None)
            : Host.CallAsync(HostFixture.User, "Tell me a story");
        await Eventually.UntilAsync(() => Host.Gateway.Calls.Count == 1);

        Host.Clock.Advance(TimeSpan.FromSeconds(10)); // Models:FirstTokenTimeoutSeconds

        var error = await Assert.ThrowsAsync<LlmCallFailedException>(() => call);
        Assert.Equal(LlmFailureKind.Timeout, error.Failure.Kind);
        var row = await SettledAsync();
        Assert.Equal((CostSource.Estimate, "Failed", 0L), (row.Source, row.Outcome, row.OutputTokens));
        Assert.True(row.InputTokens > 0);
        Assert.Equal(row.InputTokens * CostsFixture.InputMicrosPerToken, row.CostMicros);
    }

    [Fact]
    public async Task A_call_cancelled_while_it_waits_for_its_endpoint_is_settled_at_nothing_since_it_never_left()
    {
        // Ollama takes one call at a time here: the first holds the endpoint while the second waits.
        Host.Ollama.Enqueue(FakeReply.WithText(Story, chunks: 6) with { PauseAfterFrames = 1 });
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = Host.StreamAsync("ollama:llama-test", _ => { }, stopFirst.Token);
        await Eventually.UntilAsync(() => Host.Ollama.Calls.Count == 1);
        var second = Host.StreamAsync("ollama:llama-test", _ => { }, stopSecond.Token);
        await Eventually.UntilAsync(async () => (await Host.LedgerAsync()).Count == 2); // its reservation is made

        await stopSecond.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        await Eventually.UntilAsync(async () => (await Host.LedgerAsync()).Count(r => r.Status == LedgerStatus.Settled) == 1);
        var waited = Assert.Single(await Host.LedgerAsync(), r => r.Status == LedgerStatus.Settled);
        Assert.Equal((0L, 0L, "Cancelled"), (waited.CostMicros, waited.OutputTokens, waited.Outcome));
        Assert.Single(Host.Ollama.Calls);

        await stopFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Theory]
    [InlineData("Infinity", null)]
    [InlineData("1e300", null)]
    [InlineData(null, "1e300")]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", null)]
    public async Task A_rate_limit_with_an_absurd_retry_after_fails_as_a_rate_limit_and_is_settled_at_nothing(string? retryAfter, string? retryAfterMs)
    {
        Host.Gateway.Enqueue(FakeReply.WithError(OpenAiErrors.RateLimit(1) with { RetryAfterHeader = retryAfter, RetryAfterMsHeader = retryAfterMs }));

        var error = await Assert.ThrowsAsync<LlmCallFailedException>(() => Host.CallAsync(HostFixture.User));

        Assert.Equal(LlmFailureKind.RateLimited, error.Failure.Kind);
        var row = await SettledAsync();
        Assert.Equal((0L, "Failed"), (row.CostMicros, row.Outcome));
    }

    private ScriptedFakeServer FakeFor(string model) => model.Split(':')[0] switch
    {
        "claude" => Host.Anthropic,
        "ollama" => Host.Ollama,
        _ => Host.Gateway,
    };

    private async Task<LedgerRow> SettledAsync()
    {
        await Eventually.UntilAsync(async () => (await Host.LedgerAsync()).Any(r => r.Status == LedgerStatus.Settled));
        return Assert.Single(await Host.LedgerAsync());
    }
}
