using PluginBot.Plugins.Scheduler.Cron;

namespace PluginBot.Plugins.Scheduler.Tests.Cron;

public sealed class CronRuleTests
{
    [Theory]
    [InlineData("61 * * * *", "minute 61 is out of range 0–59")]
    [InlineData("0 24 * * *", "hour 24 is out of range 0–23")]
    [InlineData("0 9 0 * *", "day of month 0 is out of range 1–31")]
    [InlineData("0 9 32 * *", "day of month 32 is out of range 1–31")]
    [InlineData("0 9 * 13 *", "month 13 is out of range 1–12")]
    [InlineData("0 9 * * 8", "day of week 8 is out of range 0–7")]
    [InlineData("0 9 * * MON-FRY", "day of week 'FRY' is not a number or one of SUN, MON, TUE, WED, THU, FRI, SAT")]
    [InlineData("x 9 * * *", "minute 'x' is not a number")]
    [InlineData("*/0 * * * *", "minute step '/0' must be a number from 1 to 59")]
    [InlineData("0 17-9 * * *", "hour range 17-9 runs backwards")]
    [InlineData("0 9,,10 * * *", "hour has an empty item")]
    [InlineData("0 0 9 * * *", "a seconds field is not supported")]
    [InlineData("0 9 * *", "has 4")]
    [InlineData("", "the cron expression is empty")]
    [InlineData("   ", "the cron expression is empty")]
    [InlineData("@yearly", "unknown macro @yearly: use one of @hourly, @daily, @weekly, @monthly")]
    [InlineData("every day at nine", "has 4")]
    public void A_bad_expression_names_the_field_and_value_at_fault(string expression, string expected)
    {
        Assert.False(CronRule.TryParse(expression, out var rule, out var error));
        Assert.Null(rule);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 9 * * 1-5", "at 09:00, Monday through Friday")]
    [InlineData("*/5 * * * *", "every 5 minutes")]
    [InlineData("30 2 * * *", "at 02:30")]
    [InlineData("0 0 29 2 *", "at 00:00, on day 29 of the month, in February")]
    [InlineData("15 */2 * * *", "at minute 15 of every 2 hours")]
    [InlineData("0 9 * * MON,WED", "at 09:00, Monday, Wednesday")]
    [InlineData("@hourly", "on the hour of every hour")]
    [InlineData("@weekly", "at 00:00, Sunday")]
    [InlineData("@Daily", "at 00:00")]
    public void A_good_expression_reads_in_words(string expression, string words)
    {
        Assert.True(CronRule.TryParse(expression, out var rule, out var error), error);
        Assert.Equal(words, CronWords.Describe(rule!));
    }

    [Fact]
    public void Extra_spaces_are_forgiven_and_the_rule_keeps_the_tidy_text()
    {
        Assert.True(CronRule.TryParse("  0  9 *  * 1-5 ", out var rule, out _));
        Assert.Equal("0 9 * * 1-5", rule!.Text);
    }
}
