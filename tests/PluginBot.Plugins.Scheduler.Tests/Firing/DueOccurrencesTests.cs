using PluginBot.Plugins.Scheduler.Cron;
using PluginBot.Plugins.Scheduler.Firing;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Tests.Firing;

/// <summary>What runs after downtime under each misfire policy, and that the next run never drifts.</summary>
public sealed class DueOccurrencesTests
{
    private static readonly CronRule EveryHalfHour = CronRule.TryParse("*/30 * * * *", out var rule, out _) ? rule! : null!;
    private static readonly DateTime Due = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);

    private static DueOccurrences After(TimeSpan downtime, MisfirePolicy policy, int cap = 10, TimeSpan? grace = null) =>
        DueOccurrences.For(EveryHalfHour, TimeZoneInfo.Utc, Due, Due + downtime, policy, TimeSpan.FromMinutes(1), grace ?? TimeSpan.FromHours(6), cap);

    [Theory]
    [InlineData("Once")]
    [InlineData("Skip")]
    [InlineData("All")]
    public void An_occurrence_found_on_time_runs_under_every_policy(string policy)
    {
        var plan = After(TimeSpan.FromSeconds(20), Enum.Parse<MisfirePolicy>(policy));

        Assert.Equal([Due], plan.Run);
        Assert.Equal(0, plan.Missed);
        Assert.Equal(Due.AddMinutes(30), plan.NextRunUtc);
    }

    [Fact]
    public void Three_hours_down_under_once_makes_up_one_run_the_latest()
    {
        // Due 09:00, back at 12:10: 09:00 … 12:00 fell due (7), one runs.
        var plan = After(TimeSpan.FromMinutes(190), MisfirePolicy.Once);

        Assert.Equal([Due.AddHours(3)], plan.Run);
        Assert.Equal(6, plan.Missed);
        Assert.Equal(Due.AddHours(3).AddMinutes(30), plan.NextRunUtc);
    }

    [Fact]
    public void Under_once_a_miss_older_than_the_grace_window_is_not_made_up()
    {
        var plan = After(TimeSpan.FromMinutes(190), MisfirePolicy.Once, grace: TimeSpan.FromMinutes(5));

        Assert.Empty(plan.Run);
        Assert.Equal(7, plan.Missed);
    }

    [Fact]
    public void Three_hours_down_under_skip_runs_nothing_and_goes_on()
    {
        var plan = After(TimeSpan.FromMinutes(190), MisfirePolicy.Skip);

        Assert.Empty(plan.Run);
        Assert.Equal(7, plan.Missed);
        Assert.Equal(Due.AddMinutes(210), plan.NextRunUtc);
    }

    [Fact]
    public void Three_hours_down_under_all_runs_each_up_to_the_cap_the_latest_ones()
    {
        var everything = After(TimeSpan.FromMinutes(190), MisfirePolicy.All);
        var capped = After(TimeSpan.FromMinutes(190), MisfirePolicy.All, cap: 3);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => Due.AddMinutes(30 * i)), everything.Run);
        Assert.Equal([Due.AddMinutes(120), Due.AddMinutes(150), Due.AddMinutes(180)], capped.Run);
        Assert.Equal(4, capped.Missed);
    }

    [Fact]
    public void The_next_run_follows_the_rule_not_the_moment_it_fired()
    {
        // Fired 50 s late: the next run is still 09:30 sharp.
        var plan = After(TimeSpan.FromSeconds(50), MisfirePolicy.Once);

        Assert.Equal(new DateTime(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc), plan.NextRunUtc);
    }
}
