using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Features;

public sealed class AskTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task An_answer_streams_into_a_live_reply_ends_with_the_whole_text_and_is_stored()
    {
        Gateway.Enqueue(FakeReply.WithText("One, two, three, four.", chunks: 4));

        var live = await AskAsync("Count to four");

        Assert.True(live.Appended.Count >= 2, $"only {live.Appended.Count} pieces");
        Assert.Equal("One, two, three, four.", live.Shown);
        Assert.Equal("One, two, three, four.", (await live.Final).Text);
        Assert.Equal(HostFixture.User, live.Owner);
        Assert.Equal([("user", "Count to four"), ("assistant", "One, two, three, four.")], await StoredAsync());
    }

    [Fact]
    public async Task A_long_answer_hands_the_transport_each_character_once_not_the_whole_text_per_piece()
    {
        var text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i}"));
        Gateway.Enqueue(FakeReply.WithText(text, chunks: 400));

        var live = await AskAsync("Say four hundred words");

        Assert.Equal(text, (await live.Final).Text);
        Assert.Equal(text.Length, live.CharactersReceived);
    }

    [Fact]
    public async Task The_second_message_sends_the_conversation_so_far()
    {
        Gateway.Enqueue(FakeReply.WithText("Paris."), FakeReply.WithText("About two million."));
        await AskAsync("Capital of France?");

        await AskAsync("How many people live there?");

        Assert.Equal(
            [("user", "Capital of France?"), ("assistant", "Paris."), ("user", "How many people live there?")],
            MessagesOf(CallFor("How many people live there?")));
    }

    [Fact]
    public async Task The_answer_uses_the_bot_default_model_through_the_gateway()
    {
        await AskAsync("Which model are you?");

        Assert.Equal("gpt-test", CallFor("Which model are you?").Model);
    }

    [Fact]
    public async Task Messages_sent_quickly_in_one_conversation_are_answered_in_order_each_seeing_the_previous_answer()
    {
        Gateway.Enqueue(FakeReply.WithText("first answer", chunks: 3) with { ChunkDelay = TimeSpan.FromMilliseconds(50) }, FakeReply.WithText("second answer"));

        Assert.True((await SayAsync("first question")).IsNone);
        Assert.True((await SayAsync("second question")).IsNone);
        await AnswerAsync(1);

        Assert.Equal("first answer", (await Transport.In(Chat)[0].Final).Text);
        Assert.Equal(
            [("user", "first question"), ("assistant", "first answer"), ("user", "second question")],
            MessagesOf(CallFor("second question")));
    }

    [Fact]
    public async Task Conversations_in_different_chats_are_answered_side_by_side()
    {
        var slowChat = NewChat();
        Gateway.Enqueue(FakeReply.WithText("a slow answer in many pieces", chunks: 10) with { ChunkDelay = TimeSpan.FromMilliseconds(300) });
        await SayAsync("take your time", chat: slowChat);
        var slow = await StartedAsync(0, slowChat);

        var quick = await AskAsync("quick one");

        Assert.Equal("Hello from the fake model.", (await quick.Final).Text);
        Assert.False(slow.IsComplete);
        await AnswerAsync(0, slowChat);
    }

    [Fact]
    public async Task Each_user_in_a_group_has_a_conversation_of_their_own()
    {
        Gateway.Enqueue(FakeReply.WithText("Hi user."), FakeReply.WithText("Hi other."));
        await AskAsync("I am the user");

        await AskAsync("I am the other user", HostFixture.OtherUser);

        Assert.Equal([("user", "I am the other user")], MessagesOf(CallFor("I am the other user")));
    }

    [Fact]
    public async Task An_empty_message_is_refused_with_a_reason()
    {
        var reply = await SayAsync("   ");

        Assert.Contains("is empty", reply.Text, StringComparison.Ordinal);
        Assert.Empty(Transport.In(Chat));
    }
}
