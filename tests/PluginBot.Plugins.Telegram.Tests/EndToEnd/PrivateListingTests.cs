using PluginBot.TestKit;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>
/// An admin's listings (users, plugins, everyone's tasks and spend) are for the admin alone: asked for in a group,
/// they go to the admin's private chat and the group gets a short note, never the listing.
/// </summary>
[Collection(TelegramCollection.Name)]
public sealed class PrivateListingTests(TelegramFixture host) : TelegramTest(host)
{
    private const string Sent = "I answered you in our private chat: that answer is for you alone.";

    private const string NotSent =
        "That answer is for you alone, but I could not reach you privately: open a private chat with me (press Start there), then ask again.";

    [Theory]
    [InlineData(-100_901, "users", null, "1  admin")]
    [InlineData(-100_902, "plugins", null, "telegram 0.1.0 — Active")]
    [InlineData(-100_903, "taskstatus", "--all", "No tasks yet.")]
    [InlineData(-100_904, "costs", "--all", "Everyone's spend")]
    public async Task An_admin_listing_asked_for_in_a_group_is_sent_to_the_admin_privately_with_a_note_in_the_group(long group, string command, string? arguments, string listed)
    {
        const long admin = HostFixture.AdminId;
        Telegram.AddGroup(group, "Team");
        await StartPrivateChatAsync(admin);
        var privateBefore = Count(admin);

        Telegram.SendCommand(group, admin, command, arguments, addressed: true);

        var note = Assert.Single(await NewMessagesAsync(group, 0));
        Assert.Equal(Sent, note.Text);
        var privately = await NewMessagesAsync(admin, privateBefore);
        Assert.Contains(privately, m => m.Text.Contains(listed, StringComparison.Ordinal));
        Assert.DoesNotContain(Telegram.SentMessages(group), m => m.Text.Contains(listed, StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_the_admin_never_started_the_bot_the_group_is_told_so_and_sees_nothing_of_the_listing()
    {
        const long admin = 5_001;
        const long group = -100_920;
        await Host.SetUserRowAsync(admin, allowed: true, admin: true);
        Telegram.AddGroup(group, "Team");

        Telegram.SendCommand(group, admin, "users", addressed: true);

        var note = Assert.Single(await NewMessagesAsync(group, 0));
        Assert.Equal(NotSent, note.Text);
        Assert.Empty(Telegram.SentMessages(admin));
        Assert.Contains(Host.Logs.Lines, l => l.Contains("A reply for user 5001 alone", StringComparison.Ordinal) && l.Contains("could not be sent to them privately", StringComparison.Ordinal));
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains("5001  admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_listing_asked_for_in_the_admins_private_chat_is_answered_there()
    {
        const long admin = HostFixture.AdminId;
        await StartPrivateChatAsync(admin);
        var before = Count(admin);

        Telegram.SendCommand(admin, admin, "users");

        Assert.Contains("1  admin", Assert.Single(await NewMessagesAsync(admin, before)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_users_own_tasks_asked_for_in_a_group_are_answered_in_the_group()
    {
        const long group = -100_930;
        Telegram.AddGroup(group, "Team");
        var privateBefore = Count(HostFixture.UserId);

        Telegram.SendCommand(group, HostFixture.UserId, "taskstatus", addressed: true);

        Assert.Equal("You have no tasks yet. Start one with /task <prompt>.", Assert.Single(await NewMessagesAsync(group, 0)).Text);
        Assert.Equal(privateBefore, Count(HostFixture.UserId));
    }

    /// <summary>The admin writes to the bot privately once (as pressing Start does), so the bot may write to them there.</summary>
    private async Task StartPrivateChatAsync(long admin)
    {
        var before = Count(admin);
        Telegram.SendCommand(admin, admin, "whoami");
        await NewMessagesAsync(admin, before);
    }
}
