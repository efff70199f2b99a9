using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Answering;

public sealed class StopTests(ChatFixture fixture) : ChatTest(fixture)
{
    private static readonly FakeReply SlowStory = FakeReply.WithText("Once upon a time there was a very long story that took ages.", chunks: 12) with
    {
        ChunkDelay = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task Pressing_stop_finishes_the_reply_with_what_was_shown_and_stores_that_partial_answer()
    {
        Gateway.Enqueue(SlowStory);
        await SayAsync("Tell me a story");
        var live = await StartedAsync(0);
        await Eventually.UntilAsync(() => !live.Appended.IsEmpty);

        live.Stop();
        await Eventually.UntilAsync(() => live.IsComplete);

        var shown = live.Shown;
        Assert.StartsWith("Once", shown, StringComparison.Ordinal);
        Assert.Equal($"{shown}\n\n_(stopped)_", (await live.Final).Text);
        await Eventually.UntilAsync(async () => (await StoredAsync()).Count == 2);
        Assert.Equal([("user", "Tell me a story"), ("assistant", shown)], await StoredAsync());
    }

    [Fact]
    public async Task New_stops_the_running_answer_and_the_next_message_starts_a_fresh_conversation()
    {
        Gateway.Enqueue(SlowStory);
        await SayAsync("Tell me a story");
        var live = await StartedAsync(0);
        await Eventually.UntilAsync(() => !live.Appended.IsEmpty);

        var reply = await CommandAsync("/new");

        Assert.Equal("Stopped the answer in progress. New conversation started.", reply.Text);
        Assert.True(live.IsComplete);
        Assert.EndsWith("_(stopped)_", (await live.Final).Text, StringComparison.Ordinal);
        await AskAsync("What were we talking about?");
        Assert.Equal([("user", "What were we talking about?")], MessagesOf(CallFor("What were we talking about?")));
    }

    [Fact]
    public async Task New_without_an_answer_running_just_starts_a_fresh_conversation()
    {
        await AskAsync("Remember the number 7");

        Assert.Equal("New conversation started.", (await CommandAsync("/new")).Text);

        await AskAsync("Which number?");
        Assert.Single(MessagesOf(CallFor("Which number?")));
    }

    [Fact]
    public async Task Status_says_an_answer_is_running_while_it_streams()
    {
        Gateway.Enqueue(SlowStory);
        await SayAsync("Tell me a story");
        var live = await StartedAsync(0);
        await Eventually.UntilAsync(() => !live.Appended.IsEmpty);

        var status = await CommandAsync("/status");

        Assert.Contains("Answer: running", status.Text, StringComparison.Ordinal);
        live.Stop();
        await Eventually.UntilAsync(() => live.IsComplete);
    }
}
