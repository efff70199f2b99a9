using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Features;

public sealed class BudgetCommandTests(CostsFixture fixture) : CostsTest(fixture)
{
    [Fact]
    public async Task An_admin_sets_shows_switches_off_and_resets_budgets()
    {
        Assert.Equal("User 2's daily budget is now $5.00.", (await Host.CommandAsync("/budget user 2 day 5", HostFixture.Admin)).Text);
        Assert.Equal("The bot's monthly budget is now $200.00.", (await Host.CommandAsync("/budget global month $200", HostFixture.Admin)).Text);
        Assert.Equal("Every user's monthly budget is now $20.00.", (await Host.CommandAsync("/budget user all month 20", HostFixture.Admin)).Text);
        await Host.CallAsync(HostFixture.User);

        var mine = (await Host.CommandAsync("/budget", HostFixture.User)).Text;
        Assert.Contains("- daily (you): $0.026 of $5.00, resets at 00:00 (UTC), in 12 h 0 min — set for this user", mine, StringComparison.Ordinal);
        Assert.Contains("- monthly (you): $0.026 of $20.00, resets on 1 Dec (UTC), in 6 days — set for every user", mine, StringComparison.Ordinal);
        Assert.Contains("- monthly (the bot): $0.026 of $200.00", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Set by admins", mine, StringComparison.Ordinal);

        Assert.Equal("User 2's daily budget is off: no limit.", (await Host.CommandAsync("/budget user 2 day off", HostFixture.Admin)).Text);
        Assert.Contains("- daily (you): no limit, $0.026 spent", (await Host.CommandAsync("/budget", HostFixture.User)).Text, StringComparison.Ordinal);
        Assert.Equal("User 2's daily budget is back to the configured one: no limit.", (await Host.CommandAsync("/budget user 2 day default", HostFixture.Admin)).Text);

        var admin = (await Host.CommandAsync("/budget", HostFixture.Admin)).Text;
        Assert.Contains("- every user, month: $20.00 (by 1,", admin, StringComparison.Ordinal);
        Assert.Contains("- the bot, month: $200.00 (by 1,", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_cannot_change_a_budget()
    {
        var reply = await Host.CommandAsync("/budget user 2 day 500", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.Contains("admin", reply.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("no limit", (await Host.CommandAsync("/budget", HostFixture.User)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/budget user 2 week 5", "'week' is not a period: use day or month.")]
    [InlineData("/budget global day 5", "The bot's budget is monthly: /budget global month <USD|off|default>, not 'day'.")]
    [InlineData("/budget user bob day 5", "'bob' is not a user id: give the numeric id (see /users) or all.")]
    [InlineData("/budget user 2 day -5", "'-5' is not an amount: give dollars such as 5 or 0.50, or off, or default.")]
    [InlineData("/budget user 2 day five", "'five' is not an amount: give dollars such as 5 or 0.50, or off, or default.")]
    [InlineData("/budget team 2 day 5", "'team' is not a budget: use /budget user <id|all> day|month <USD|off|default>, or /budget global month <USD|off|default>.")]
    [InlineData("/budget user 2 day", "Wrong number of words. Use /budget user <id|all> day|month <USD|off|default>, or /budget global month <USD|off|default>.")]
    public async Task Bad_arguments_get_a_message_that_says_what_to_write(string line, string expected)
    {
        var reply = await Host.CommandAsync(line, HostFixture.Admin);

        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }
}
