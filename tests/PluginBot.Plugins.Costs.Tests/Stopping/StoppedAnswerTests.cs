using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Costs.Estimates;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Stopping;

/// <summary>Answers stopped by the people they are for (Stop, /new, /taskstop) pay for the words they already got.</summary>
public sealed class StoppedAnswerTests(StoppingFixture fixture) : StoppingTest(fixture)
{
    /// <summary>Sixty characters in six pieces of ten: the fake sends three, then holds the stream open.</summary>
    private const string Story = "Once upon a time a small fox found a lantern in the wood and";
    private const string FirstThreePieces = "Once upon a time a small fox f";

    private static readonly FakeReply HeldStory = FakeReply.WithText(Story, chunks: 6) with { PauseAfterFrames = 4 };

    [Fact]
    public async Task A_chat_answer_stopped_midway_holds_its_reservation_until_settled_then_pays_for_its_prompt_and_the_words_shown()
    {
        Host.Gateway.Enqueue(HeldStory);
        var chat = StoppingFixture.NewChat();
        await Host.SayAsync("Tell me a story", chat, HostFixture.User);
        var answer = await ShownAsync(chat, FirstThreePieces);

        var running = Assert.Single(await Host.LedgerAsync());
        Assert.Equal(LedgerStatus.Running, running.Status);
        Assert.Equal(running.ReservedMicros, running.CostMicros);

        answer.Stop();

        AssertChargedForWhatStreamed(await SettledAsync(), "gpt-test", FirstThreePieces, "Cancelled");
        Assert.EndsWith("_(stopped)_", (await answer.Final).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chat_answer_cut_short_by_new_pays_for_its_prompt_and_the_words_shown()
    {
        Host.Gateway.Enqueue(HeldStory);
        var chat = StoppingFixture.NewChat();
        await Host.SayAsync("Tell me a story", chat, HostFixture.User);
        await ShownAsync(chat, FirstThreePieces);

        var reply = await Host.SayAsync("/new", chat, HostFixture.User);

        Assert.StartsWith("Stopped the answer in progress.", reply.Text, StringComparison.Ordinal);
        AssertChargedForWhatStreamed(await SettledAsync(), "gpt-test", FirstThreePieces, "Cancelled");
    }

    [Fact]
    public async Task A_task_stopped_midway_pays_for_its_prompt_and_the_words_it_wrote()
    {
        Host.Gateway.Enqueue(HeldStory);
        var reply = await Host.CommandAsync("/task Tell me a story", HostFixture.User);
        Assert.False(reply.IsProblem, reply.Text);
        var id = Host.Transport.Replies.First(r => r.Reply.Text.StartsWith("Task ", StringComparison.Ordinal)).Reply.Text.Split(' ')[1];
        var log = "";
        await Eventually.UntilAsync(async () =>
        {
            log = (await Host.CommandAsync($"/tasklog {id}", HostFixture.User)).Text;
            if (log.Contains("(queued)", StringComparison.Ordinal))
            {
                // The workers' loop waits on the host's clock after a failed round (one can hit the fresh database
                // before its tables exist): time moves on while the task waits to be claimed.
                Host.Clock.Advance(TimeSpan.FromSeconds(1));
            }

            return log.EndsWith(FirstThreePieces, StringComparison.Ordinal);
        });
        Assert.Equal(LedgerStatus.Running, Assert.Single(await Host.LedgerAsync()).Status);

        Assert.Equal($"Stopped task {id}.", (await Host.CommandAsync($"/taskstop {id}", HostFixture.User)).Text);

        var row = await SettledAsync();
        AssertChargedForWhatStreamed(row, "gpt-test", FirstThreePieces, "Cancelled");
        Assert.Equal(id, row.TaskId);
    }

    private async Task<LiveAnswer> ShownAsync(ConversationReference chat, string text)
    {
        await Eventually.UntilAsync(() => Host.Live.Answers.Any(a => a.Conversation == chat));
        var answer = Host.Live.Answers.Single(a => a.Conversation == chat);
        await Eventually.UntilAsync(() => answer.Shown == text);
        return answer;
    }

    private async Task<LedgerRow> SettledAsync()
    {
        await Eventually.UntilAsync(async () => (await Host.LedgerAsync()).Any(r => r.Status == LedgerStatus.Settled));
        return Assert.Single(await Host.LedgerAsync());
    }

    /// <summary>
    /// The provider told no usage: the row is an estimate of the prompt (the gate's, at the input rate) and of the text
    /// that had streamed, counted with the model's tokenizer (at the output rate).
    /// </summary>
    internal static void AssertChargedForWhatStreamed(LedgerRow row, string model, string streamed, string outcome)
    {
        var output = TokenCounter.Count(model, streamed).Tokens;
        Assert.Equal((LedgerStatus.Settled, CostSource.Estimate, outcome), (row.Status, row.Source, row.Outcome));
        Assert.True(output > 0 && row.InputTokens > 0, $"{row.InputTokens} prompt and {output} streamed tokens");
        Assert.Equal(output, row.OutputTokens);
        Assert.Equal((row.InputTokens * CostsFixture.InputMicrosPerToken) + (output * CostsFixture.OutputMicrosPerToken), row.CostMicros);
    }
}
