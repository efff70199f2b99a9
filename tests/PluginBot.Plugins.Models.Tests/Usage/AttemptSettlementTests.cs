using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Models.Tests.Usage;

/// <summary>
/// However an attempt ends, the gate hears it once, with what it needs to charge it: the text that streamed and
/// whether the provider may bill the call.
/// </summary>
[Collection(RouterCollection.Name)]
public sealed class AttemptSettlementTests(RouterFixture host) : HostTest<RouterFixture>(host)
{
    private static readonly LlmCallContext Context = new() { Actor = HostFixture.User, Purpose = "test" };

    public override Task InitializeAsync()
    {
        Host.Reset();
        return base.InitializeAsync();
    }

    [Fact]
    public async Task A_stream_its_caller_stops_is_settled_with_the_text_that_had_streamed()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("one two three four five six", chunks: 6) with { PauseAfterFrames = 3 });
        using var cancel = new CancellationTokenSource();
        var received = "";

        var call = StreamAsync("gateway:gpt-test", update => received += update.Text, cancel.Token);
        await Eventually.UntilAsync(() => received == "one two t"); // the opening chunk and two pieces of six
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);

        var settled = Assert.Single(Host.Gate.Settled);
        Assert.Equal((LlmCallOutcome.Cancelled, "one two t", true), (settled.Outcome, settled.StreamedText, settled.ProviderMayBill));
        Assert.Equal(settled.StreamedText, Assert.Single(Host.Usage.Events).StreamedText);
    }

    [Fact]
    public async Task A_whole_answer_with_its_usage_carries_no_text_to_count()
    {
        await StreamAsync("gateway:gpt-test", _ => { }, CancellationToken.None);

        var settled = Assert.Single(Host.Gate.Settled);
        Assert.Equal((LlmCallOutcome.Completed, null, true), (settled.Outcome, settled.StreamedText, settled.ProviderMayBill));
    }

    [Fact]
    public async Task A_refused_call_is_settled_as_one_the_provider_does_not_bill()
    {
        Host.Gateway.Enqueue(FakeReply.WithError(OpenAiErrors.InvalidApiKey()));

        await Assert.ThrowsAsync<LlmCallFailedException>(() => StreamAsync("gateway:gpt-test", _ => { }, CancellationToken.None));

        Assert.False(Assert.Single(Host.Gate.Settled).ProviderMayBill);
    }

    [Fact]
    public async Task A_call_cancelled_while_it_waits_for_its_endpoint_is_settled_as_never_sent()
    {
        var calls = Host.Backup.Calls.Count;
        Host.Backup.Enqueue(FakeReply.WithText("held", chunks: 2) with { PauseAfterFrames = 1 });
        using var stopFirst = new CancellationTokenSource();
        using var stopSecond = new CancellationTokenSource();
        var first = StreamAsync("backup:m1", _ => { }, stopFirst.Token);
        await Eventually.UntilAsync(() => Host.Backup.Calls.Count == calls + 1);
        var second = StreamAsync("backup:m2", _ => { }, stopSecond.Token);
        await Eventually.UntilAsync(() => Host.Gate.Asked.Count == 2); // past the gate, waiting for the endpoint's one slot

        await stopSecond.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);

        var waited = Host.Gate.Asked.Last().AttemptId;
        var settled = Assert.Single(Host.Gate.Settled, s => s.AttemptId == waited);
        Assert.Equal((LlmCallOutcome.Cancelled, false), (settled.Outcome, settled.ProviderMayBill));
        Assert.Equal(calls + 1, Host.Backup.Calls.Count);
        await stopFirst.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public async Task Absurd_retry_afters_wait_no_longer_than_the_maximum_and_every_attempt_is_settled()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithError(OpenAiErrors.RateLimit(1) with { RetryAfterHeader = "Infinity" }),
            FakeReply.WithError(OpenAiErrors.RateLimit(1) with { RetryAfterMsHeader = "1e300" }),
            FakeReply.WithText("third time lucky"));
        var received = "";

        await StreamAsync("gateway:gpt-test", update => received += update.Text, CancellationToken.None);

        Assert.Equal("third time lucky", received);
        Assert.Equal([LlmCallOutcome.Failed, LlmCallOutcome.Failed, LlmCallOutcome.Completed], Host.Gate.Settled.Select(s => s.Outcome));
        Assert.Equal([false, false, true], Host.Gate.Settled.Select(s => s.ProviderMayBill));
    }

    [Fact]
    public async Task An_endpoint_whose_classifier_throws_still_settles_the_attempt_and_fails_with_one_clear_error()
    {
        var error = await Assert.ThrowsAsync<LlmCallFailedException>(() => StreamAsync("broken:m", _ => { }, CancellationToken.None));

        Assert.Equal(LlmFailureKind.Unknown, error.Failure.Kind);
        Assert.StartsWith("broken:m failed with InvalidOperationException", error.Message, StringComparison.Ordinal);
        var settled = Assert.Single(Host.Gate.Settled);
        Assert.Equal(LlmCallOutcome.Failed, settled.Outcome);
        Assert.Equal(settled.AttemptId, Assert.Single(Host.Usage.Events).AttemptId);
    }

    private async Task StreamAsync(string model, Action<ChatResponseUpdate> received, CancellationToken cancellationToken)
    {
        await using var scope = Host.CreateScope(HostFixture.User);
        var resolved = await scope.ServiceProvider.GetRequiredService<IModelRouter>().ResolveAsync(model, Context, cancellationToken: cancellationToken);
        await foreach (var update in resolved.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellationToken))
        {
            received(update);
        }
    }
}
