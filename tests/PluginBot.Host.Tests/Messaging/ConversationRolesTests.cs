using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Messaging;

/// <summary>Who may change what applies to everyone in a conversation, when the transport cannot tell who administers it.</summary>
[Collection(TestHandlersCollection.Name)]
public sealed class ConversationRolesTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private static readonly ConversationReference Group = new(RecordingTransport.TransportName, "-100", "7");

    private IConversationRoles Roles => Host.Services.GetRequiredService<IConversationRoles>();

    [Fact]
    public async Task A_persons_private_conversation_is_theirs_and_in_any_topic_of_it()
    {
        var own = new ConversationReference(RecordingTransport.TransportName, "2", "5");

        Assert.Equal(ConversationRole.Private, await Roles.RoleOfAsync(own, HostFixture.UserId));
        Assert.Equal(ConversationRole.Member, await Roles.RoleOfAsync(own, HostFixture.OtherUserId));
        Assert.True(await Roles.MayChangeForEveryoneAsync(own, HostFixture.User));
    }

    [Fact]
    public async Task Where_the_transport_cannot_say_who_administers_a_group_only_bot_admins_and_the_system_change_it()
    {
        Assert.Equal(ConversationRole.Member, await Roles.RoleOfAsync(Group, HostFixture.UserId));
        Assert.Equal(ConversationRole.Member, await Roles.RoleOfAsync(Group with { Transport = "gone" }, HostFixture.UserId));
        Assert.False(await Roles.MayChangeForEveryoneAsync(Group, HostFixture.User));
        Assert.True(await Roles.MayChangeForEveryoneAsync(Group, HostFixture.Admin));
        Assert.True(await Roles.MayChangeForEveryoneAsync(Group, HostFixture.System));
    }
}
