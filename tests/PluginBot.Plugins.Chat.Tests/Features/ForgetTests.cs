using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Chat.Tests.Features;

public sealed class ForgetTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task Forget_deletes_the_users_conversations_in_every_chat_and_says_how_many_messages()
    {
        var otherChat = NewChat();
        await AskAsync("first");
        await AskAsync("second");
        await AskAsync("elsewhere", chat: otherChat);

        var reply = await CommandAsync("/forget");

        Assert.Equal("Deleted 6 messages in 2 conversations.", reply.Text);
        Assert.Empty(await StoredAsync());
        Assert.Empty(await StoredAsync(otherChat));
    }

    [Fact]
    public async Task Forget_leaves_other_users_conversations_alone()
    {
        await AskAsync("mine");
        await AskAsync("theirs", HostFixture.OtherUser);

        await CommandAsync("/forget");

        Assert.Equal(2, (await StoredAsync(userId: HostFixture.OtherUserId)).Count);
    }

    [Fact]
    public async Task The_next_message_after_forget_starts_with_no_history()
    {
        await AskAsync("something private");
        await CommandAsync("/forget");

        await AskAsync("Do you remember?");

        Assert.Single(MessagesOf(CallFor("Do you remember?")));
    }

    [Fact]
    public async Task Forget_with_nothing_stored_says_so()
    {
        Assert.Equal("There was nothing to forget.", (await CommandAsync("/forget")).Text);
    }
}
