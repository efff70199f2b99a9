using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Answering;

/// <summary>An answer runs as its asker stands when its turn comes, not as they stood when they asked.</summary>
public sealed class DeniedAskerTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task A_question_waiting_its_turn_is_not_answered_once_the_asker_is_no_longer_allowed()
    {
        Gateway.Enqueue(FakeReply.Hanging());
        await SayAsync("First question");
        var first = await StartedAsync(0);
        await SayAsync("Second question");
        await Host.SetUserRowAsync(HostFixture.UserId, allowed: false, admin: false);

        first.Stop();

        await Eventually.UntilAsync(() => Transport.Sent.Any(s => s.Conversation == Chat));
        Assert.Equal("I did not answer that: you are no longer on this bot's allow-list.", Transport.Sent.Single(s => s.Conversation == Chat).Reply.Text);
        Assert.Single(Transport.In(Chat));
        Assert.DoesNotContain(Gateway.Calls, c => MessagesOf(c)[^1].Text == "Second question");
    }

    [Fact]
    public async Task Deny_stops_the_answer_a_user_has_running()
    {
        Gateway.Enqueue(FakeReply.Hanging());
        await SayAsync("Tell me everything");
        var live = await StartedAsync(0);
        await Eventually.UntilAsync(() => Gateway.Calls.Any(c => MessagesOf(c)[^1].Text == "Tell me everything"));

        Assert.Equal("User 2 can no longer use the bot.", (await CommandAsync("/deny 2", HostFixture.Admin, NewChat())).Text);

        await Eventually.UntilAsync(() => live.IsComplete);
        Assert.Equal("_(stopped)_", (await live.Final).Text);
    }
}
