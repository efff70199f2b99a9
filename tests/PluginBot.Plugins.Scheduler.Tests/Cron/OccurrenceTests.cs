using PluginBot.Plugins.Scheduler.Cron;

namespace PluginBot.Plugins.Scheduler.Tests.Cron;

/// <summary>When a rule runs in a zone, across the DST changes of two zones, leap years and month ends.</summary>
public sealed class OccurrenceTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static CronRule Rule(string text) =>
        CronRule.TryParse(text, out var rule, out var error) ? rule! : throw new InvalidOperationException(error);

    private static DateTime Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, DateTimeKind.Utc);

    [Fact]
    public void A_time_in_the_hour_Berlin_skips_in_spring_runs_at_the_next_valid_time()
    {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 does not exist that day.
        var next = Rule("30 2 * * *").Next(Utc(2026, 3, 28, 12, 0), Berlin, 3);

        Assert.Equal([Utc(2026, 3, 29, 1, 0), Utc(2026, 3, 30, 0, 30), Utc(2026, 3, 31, 0, 30)], next);
    }

    [Fact]
    public void A_time_in_the_hour_Berlin_repeats_in_autumn_runs_once()
    {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the rule runs at the first.
        var next = Rule("30 2 * * *").Next(Utc(2026, 10, 24, 12, 0), Berlin, 2);

        Assert.Equal([Utc(2026, 10, 25, 0, 30), Utc(2026, 10, 26, 1, 30)], next);
    }

    [Fact]
    public void New_York_springs_forward_and_falls_back_the_same_way()
    {
        // 2026-03-08 02:00 EST → 03:00 EDT; 2026-11-01 02:00 EDT → 01:00 EST.
        Assert.Equal(Utc(2026, 3, 8, 7, 0), Rule("30 2 * * *").NextAfter(Utc(2026, 3, 8, 0, 0), NewYork));
        Assert.Equal([Utc(2026, 11, 1, 5, 30), Utc(2026, 11, 2, 6, 30)], Rule("30 1 * * *").Next(Utc(2026, 10, 31, 12, 0), NewYork, 2));
    }

    [Fact]
    public void February_the_29th_runs_in_leap_years_only()
    {
        var next = Rule("0 0 29 2 *").Next(Utc(2026, 1, 1, 0, 0), TimeZoneInfo.Utc, 2);

        Assert.Equal([Utc(2028, 2, 29, 0, 0), Utc(2032, 2, 29, 0, 0)], next);
    }

    [Fact]
    public void The_31st_skips_the_months_that_have_none()
    {
        var next = Rule("0 12 31 * *").Next(Utc(2026, 1, 31, 13, 0), TimeZoneInfo.Utc, 3);

        Assert.Equal([Utc(2026, 3, 31, 12, 0), Utc(2026, 5, 31, 12, 0), Utc(2026, 7, 31, 12, 0)], next);
    }

    [Fact]
    public void Every_five_minutes_is_every_five_minutes_across_the_hour()
    {
        var next = Rule("*/5 * * * *").Next(Utc(2026, 12, 7, 9, 52), TimeZoneInfo.Utc, 3);

        Assert.Equal([Utc(2026, 12, 7, 9, 55), Utc(2026, 12, 7, 10, 0), Utc(2026, 12, 7, 10, 5)], next);
        Assert.Equal(TimeSpan.FromMinutes(5), Rule("*/5 * * * *").ShortestGap(Utc(2026, 12, 7, 9, 52), TimeZoneInfo.Utc));
    }
}
