using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Commands;

/// <summary>A reply for the sender alone, asked for in a shared conversation, goes to the sender's private one.</summary>
[Collection(TestHandlersCollection.Name)]
public sealed class PrivateDeliveryTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private static readonly ConversationReference Group = new(RecordingTransport.TransportName, "-200");

    private RecordingTransport Transport => Host.Services.GetServices<IMessengerTransport>().OfType<RecordingTransport>().Single();

    private ICommandDispatcher Dispatcher => Host.Services.GetRequiredService<ICommandDispatcher>();

    [Fact]
    public async Task An_admins_user_list_asked_for_in_a_group_is_sent_to_their_private_conversation()
    {
        var before = Transport.Replies.Count;

        var reply = await Dispatcher.DispatchAsync("/users", new CommandContext(HostFixture.Admin, Group));

        Assert.Equal("I answered you in our private chat: that answer is for you alone.", reply.Text);
        var sent = Assert.Single(Transport.Replies.Skip(before));
        Assert.Equal(new ConversationReference(RecordingTransport.TransportName, "1"), sent.Message.Conversation);
        Assert.Contains("1  admin", sent.Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_private_conversation_cannot_be_reached_the_reply_says_so_without_the_listing()
    {
        Transport.FailFor.Add("1");
        try
        {
            var reply = await Dispatcher.DispatchAsync("/users", new CommandContext(HostFixture.Admin, Group));

            Assert.True(reply.IsProblem);
            Assert.Equal("That answer is for you alone, but I could not reach you privately: open a private chat with me (press Start there), then ask again.", reply.Text);
        }
        finally
        {
            Transport.FailFor.Clear();
        }
    }

    [Fact]
    public async Task A_refusal_is_answered_where_it_was_asked()
    {
        var before = Transport.Replies.Count;

        var reply = await Dispatcher.DispatchAsync("/users", new CommandContext(HostFixture.User, Group));

        Assert.Equal("Only admins can do this.", reply.Text);
        Assert.Equal(before, Transport.Replies.Count);
    }
}
