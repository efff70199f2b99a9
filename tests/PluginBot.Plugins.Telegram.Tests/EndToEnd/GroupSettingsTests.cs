using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>
/// A group's model, system prompt and project apply to everyone in it: only its Telegram administrators (asked with
/// getChatMember) and bot admins change them; anyone sets their own with --mine. Private chats are unaffected.
/// </summary>
[Collection(TelegramCollection.Name)]
public sealed class GroupSettingsTests(TelegramFixture host) : TelegramTest(host)
{
    private const long User = HostFixture.UserId;
    private const long Other = HostFixture.OtherUserId;

    [Theory]
    [InlineData(-100_850, "model", "gpt-big", "its model", "/model <name> --mine (or /model --mine for a picker)", "status", "Model: gateway:gpt-test (the bot's default)")]
    [InlineData(-100_851, "system", "Always answer in French.", "its system prompt", "/system --mine <text>", "system", "No system prompt is set for this chat.")]
    [InlineData(-100_852, "project", "web", "its project", "/project <name> --mine", "status", "Project: none")]
    public async Task A_group_member_cannot_change_what_applies_to_everyone_and_is_told_how_to_set_their_own(
        long group, string command, string arguments, string what, string own, string check, string unchanged)
    {
        Telegram.AddGroup(group, "Team");

        var reply = await AskAsync(group, User, command, arguments);

        Assert.Equal($"Only an admin of this group (or of the bot) can change {what}. To set your own, used in chats that have not chosen one, send {own}.", reply);
        Assert.Contains(unchanged, await AskAsync(group, User, check), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-100_860, "creator")]
    [InlineData(-100_861, "administrator")]
    public async Task A_group_administrator_changes_the_groups_model_for_everyone_in_it(long group, string status)
    {
        Telegram.AddGroup(group, "Team");
        Telegram.SetMemberStatus(group, Other, status);

        Assert.Equal("Model set to gateway:gpt-big for this chat.", await AskAsync(group, Other, "model", "gpt-big"));

        Assert.Contains("Model: gateway:gpt-big (chosen for this chat)", await AskAsync(group, User, "status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bot_admin_changes_a_groups_system_prompt_without_administering_the_group()
    {
        const long group = -100_862;
        Telegram.AddGroup(group, "Team");

        var lookups = Telegram.MemberLookups;

        Assert.Equal("System prompt set for this chat; it applies from the next message in it.", await AskAsync(group, HostFixture.AdminId, "system", "Be brief."));

        Assert.Contains("Be brief.", await AskAsync(group, User, "system"), StringComparison.Ordinal);
        Assert.Equal(lookups, Telegram.MemberLookups);
    }

    [Fact]
    public async Task A_member_sets_their_own_model_with_mine_and_it_applies_where_no_chat_has_chosen_one()
    {
        const long group = -100_863;
        Telegram.AddGroup(group, "Team");

        Assert.Equal("Model set to gateway:gpt-big for you, in every chat that has not chosen one.", await AskAsync(group, User, "model", "gpt-big --mine"));

        Assert.Contains("Model: gateway:gpt-big (your default)", await AskAsync(group, User, "status"), StringComparison.Ordinal);
        Assert.Contains("Model: gateway:gpt-test (the bot's default)", await AskAsync(group, Other, "status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_burst_of_commands_asks_Telegram_about_the_sender_once()
    {
        const long group = -100_864;
        Telegram.AddGroup(group, "Team");
        Telegram.SetMemberStatus(group, Other, "administrator");
        var before = Telegram.MemberLookups;

        await AskAsync(group, Other, "model", "gpt-big");
        await AskAsync(group, Other, "system", "Be brief.");
        await AskAsync(group, Other, "model", "gpt-test");

        Assert.Equal(before + 1, Telegram.MemberLookups);
    }

    [Fact]
    public async Task When_Telegram_cannot_say_who_administers_a_group_the_sender_counts_as_a_member_and_the_next_try_asks_again()
    {
        const long group = -100_815;
        Telegram.AddGroup(group, "Team");
        Telegram.SetMemberStatus(group, Other, "administrator");
        Telegram.FailNext("getChatMember", TelegramErrors.BadRequest("member list is inaccessible"));

        var refused = await AskAsync(group, Other, "model", "gpt-big");
        var allowed = await AskAsync(group, Other, "model", "gpt-big");

        Assert.StartsWith("Only an admin of this group (or of the bot) can change its model.", refused, StringComparison.Ordinal);
        Assert.Equal("Model set to gateway:gpt-big for this chat.", allowed);
        Assert.Contains(Host.Logs.Lines, l => l.Contains("Could not ask Telegram whether user 3 administers chat -100815", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_a_private_chat_the_sender_changes_its_model_without_asking_Telegram()
    {
        var before = Telegram.MemberLookups;

        Assert.Equal("Model set to gateway:gpt-big for this chat.", await AskAsync(User, User, "model", "gpt-big"));

        Assert.Equal(before, Telegram.MemberLookups);
    }

    /// <summary>Sends a command for this bot and returns the bot's answer in that chat.</summary>
    private async Task<string> AskAsync(long chat, long user, string command, string? arguments = null)
    {
        var before = Count(chat);
        Telegram.SendCommand(chat, user, command, arguments, addressed: true);
        return (await NewMessagesAsync(chat, before))[0].Text;
    }
}
