using PluginBot.TestKit.Telegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>The Telegram fake's chat-member methods, read by the real Telegram.Bot client.</summary>
public sealed class TelegramChatMembersTests
{
    private const long Group = -1009002;

    [Fact]
    public async Task GetChatMember_reports_each_status_as_its_own_ChatMember_type()
    {
        await using var fake = await StartFakeAsync();
        fake.AddGroup(Group, "Team");
        fake.SetMemberStatus(Group, Alice, "creator");
        fake.SetMemberStatus(Group, Bob, "administrator");
        fake.SendText(Group, 1003, "hello");
        var bot = Client(fake);

        var owner = await bot.GetChatMember(Group, Alice);
        var admin = await bot.GetChatMember(Group, Bob);
        var member = await bot.GetChatMember(Group, 1003);
        var stranger = await bot.GetChatMember(Group, 1004);

        Assert.IsType<ChatMemberOwner>(owner);
        Assert.Equal("alice", owner.User.Username);
        var administrator = Assert.IsType<ChatMemberAdministrator>(admin);
        Assert.True(administrator.CanManageChat);
        Assert.False(administrator.CanPromoteMembers);
        Assert.Equal(ChatMemberStatus.Member, member.Status);
        Assert.Equal(ChatMemberStatus.Left, stranger.Status);
        Assert.True(owner.IsAdmin);
        Assert.True(admin.IsAdmin);
        Assert.False(member.IsAdmin);
        Assert.Equal(4, fake.MemberLookups);
    }

    [Theory]
    [InlineData("restricted", ChatMemberStatus.Restricted)]
    [InlineData("kicked", ChatMemberStatus.Kicked)]
    public async Task Restricted_and_banned_members_are_neither_members_nor_admins(string status, ChatMemberStatus expected)
    {
        await using var fake = await StartFakeAsync();
        fake.AddGroup(Group, "Team");
        fake.SetMemberStatus(Group, Alice, status);

        var member = await Client(fake).GetChatMember(Group, Alice);

        Assert.Equal(expected, member.Status);
        Assert.False(member.IsAdmin);
    }

    [Fact]
    public async Task GetChatAdministrators_lists_the_creator_first_then_the_administrators()
    {
        await using var fake = await StartFakeAsync();
        fake.AddGroup(Group, "Team");
        fake.SetMemberStatus(Group, Bob, "administrator");
        fake.SetMemberStatus(Group, Alice, "creator");
        fake.SetMemberStatus(Group, 1003, "member");

        var admins = await Client(fake).GetChatAdministrators(Group);

        Assert.Equal([Alice, Bob], admins.Select(a => a.User.Id));
        Assert.IsType<ChatMemberOwner>(admins[0]);
    }

    [Fact]
    public async Task A_private_chat_has_no_administrators_and_an_unknown_chat_is_not_found()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        var privateChat = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetChatAdministrators(Alice));
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetChatMember(-1009999, Alice));

        Assert.Equal("Bad Request: there are no administrators in the private chat", privateChat.Message);
        Assert.Equal(400, unknown.ErrorCode);
        Assert.Equal("Bad Request: chat not found", unknown.Message);
        Assert.Equal(ChatMemberStatus.Member, (await bot.GetChatMember(Alice, Alice)).Status);
    }
}
