using PluginBot.Plugins.Costs.Budgets;

namespace PluginBot.Plugins.Costs.Tests.Budgets;

public sealed class BudgetPeriodTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void A_day_starts_at_local_midnight()
    {
        var day = BudgetPeriod.Containing(PeriodKind.Day, new DateTime(2026, 11, 25, 23, 30, 0, DateTimeKind.Utc), Berlin);

        Assert.Equal(new DateTime(2026, 11, 25, 23, 0, 0, DateTimeKind.Utc), day.StartUtc); // 00:00 on the 26th in Berlin
        Assert.Equal(TimeSpan.FromHours(24), day.EndUtc - day.StartUtc);
        Assert.Equal("day:2026-11-26", day.Key);
    }

    [Fact]
    public void The_day_clocks_go_forward_is_23_hours_and_the_day_they_go_back_25()
    {
        var spring = BudgetPeriod.Containing(PeriodKind.Day, new DateTime(2026, 3, 29, 12, 0, 0, DateTimeKind.Utc), Berlin);
        var autumn = BudgetPeriod.Containing(PeriodKind.Day, new DateTime(2026, 10, 25, 12, 0, 0, DateTimeKind.Utc), Berlin);

        Assert.Equal((new DateTime(2026, 3, 28, 23, 0, 0), TimeSpan.FromHours(23)), (spring.StartUtc, spring.EndUtc - spring.StartUtc));
        Assert.Equal((new DateTime(2026, 10, 24, 22, 0, 0), TimeSpan.FromHours(25)), (autumn.StartUtc, autumn.EndUtc - autumn.StartUtc));
    }

    [Fact]
    public void Consecutive_days_across_a_DST_change_meet_without_a_gap()
    {
        var saturday = BudgetPeriod.Containing(PeriodKind.Day, new DateTime(2026, 3, 28, 12, 0, 0, DateTimeKind.Utc), Berlin);
        var sunday = BudgetPeriod.Containing(PeriodKind.Day, saturday.EndUtc, Berlin);
        var monday = BudgetPeriod.Containing(PeriodKind.Day, sunday.EndUtc, Berlin);

        Assert.Equal(saturday.EndUtc, sunday.StartUtc);
        Assert.Equal(sunday.EndUtc, monday.StartUtc);
        Assert.Equal(["day:2026-03-28", "day:2026-03-29", "day:2026-03-30"], new[] { saturday.Key, sunday.Key, monday.Key });
    }

    [Fact]
    public void A_month_spans_its_local_days_and_the_last_instant_before_midnight_belongs_to_it()
    {
        var october = BudgetPeriod.Containing(PeriodKind.Month, new DateTime(2026, 10, 31, 22, 59, 59, DateTimeKind.Utc), Berlin);

        Assert.Equal("month:2026-10", october.Key);
        Assert.Equal(new DateTime(2026, 9, 30, 22, 0, 0), october.StartUtc); // CEST
        Assert.Equal(new DateTime(2026, 10, 31, 23, 0, 0), october.EndUtc); // CET
        Assert.Equal("month:2026-11", BudgetPeriod.Containing(PeriodKind.Month, october.EndUtc, Berlin).Key);
    }

    [Fact]
    public void A_midnight_the_clocks_skip_starts_the_day_at_the_first_minute_that_exists()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 6 September 2026.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        var day = BudgetPeriod.Containing(PeriodKind.Day, new DateTime(2026, 9, 6, 15, 0, 0, DateTimeKind.Utc), santiago);

        Assert.Equal("day:2026-09-06", day.Key);
        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0), day.StartUtc); // 01:00 local, UTC-3
        Assert.Equal(TimeSpan.FromHours(23), day.EndUtc - day.StartUtc);
    }

    [Theory]
    [InlineData(30, "at 00:00 (UTC), in 30 min")]
    [InlineData(200, "at 00:00 (UTC), in 3 h 20 min")]
    [InlineData(0.5, "at 00:00 (UTC), in under a minute")]
    public void Says_when_it_resets(double minutesLeft, string expected)
    {
        var day = BudgetPeriod.Containing(PeriodKind.Day, new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc);

        Assert.Equal(expected, day.DescribeReset(day.EndUtc.AddMinutes(-minutesLeft)));
    }
}
