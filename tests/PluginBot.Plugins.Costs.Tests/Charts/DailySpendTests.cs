using PluginBot.Plugins.Costs.Charts;

namespace PluginBot.Plugins.Costs.Tests.Charts;

public sealed class DailySpendTests
{
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2026, 11, 30);

    [Fact]
    public void Every_day_of_the_period_is_there_and_days_without_spend_are_zero()
    {
        var spend = DailySpend.Shape(From, To, [new(new DateOnly(2026, 11, 10), "total", 42)]);

        Assert.Equal(30, spend.Days.Count);
        Assert.Equal(From, spend.Days[0]);
        Assert.Equal(To, spend.Days[^1]);
        var total = Assert.Single(spend.Series);
        Assert.Equal(30, total.Micros.Count);
        Assert.Equal(42, total.Micros[9]);
        Assert.Equal(42, total.Micros.Sum());
    }

    [Fact]
    public void Beyond_six_groups_the_smallest_are_summed_into_other()
    {
        var points = Enumerable.Range(1, 9).Select(n => new SpendPoint(From, $"model-{n}", n * 1_000L));

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal(["model-9", "model-8", "model-7", "model-6", "model-5", "model-4", "other"], spend.Series.Select(s => s.Name));
        var other = spend.Series[^1];
        Assert.True(other.IsOther);
        Assert.Equal(1_000 + 2_000 + 3_000, other.TotalMicros);
        Assert.Equal(45_000, spend.Series.Sum(s => s.TotalMicros));
    }

    [Fact]
    public void Six_groups_or_fewer_are_kept_as_they_are()
    {
        var points = Enumerable.Range(1, 6).Select(n => new SpendPoint(From, $"user-{n}", 10));

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal(6, spend.Series.Count);
        Assert.DoesNotContain(spend.Series, s => s.IsOther);
    }

    [Fact]
    public void Groups_are_ordered_by_total_then_by_name_whatever_the_input_order()
    {
        SpendPoint[] points = [new(From, "b", 5), new(From.AddDays(1), "a", 5), new(From, "c", 7), new(From, "b", 2)];

        var forward = DailySpend.Shape(From, To, points);
        var backward = DailySpend.Shape(From, To, points.Reverse());

        Assert.Equal(["b", "c", "a"], forward.Series.Select(s => s.Name));
        Assert.Equal(forward.Series.Select(s => s.Name), backward.Series.Select(s => s.Name));
    }

    [Fact]
    public void Points_outside_the_period_and_amounts_of_zero_or_less_are_left_out()
    {
        SpendPoint[] points = [new(From.AddDays(-1), "early", 5), new(To.AddDays(1), "late", 5), new(From, "nothing", 0), new(From, "refund", -5), new(To, "kept", 5)];

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal("kept", Assert.Single(spend.Series).Name);
    }

    [Fact]
    public void Unnamed_groups_get_a_visible_name()
    {
        var spend = DailySpend.Shape(From, To, [new(From, "  ", 5)]);

        Assert.Equal(DailySpend.UnnamedGroup, Assert.Single(spend.Series).Name);
    }

    [Fact]
    public void A_kept_group_called_other_is_not_confused_with_the_rest()
    {
        var points = Enumerable.Range(1, 7).Select(n => new SpendPoint(From, n == 7 ? "other" : $"project-{n}", n));

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal("other", spend.Series[0].Name);
        Assert.False(spend.Series[0].IsOther);
        Assert.Equal("1 more", spend.Series[^1].Name);
    }

    [Fact]
    public void Huge_amounts_saturate_instead_of_overflowing()
    {
        SpendPoint[] points = [new(From, "a", long.MaxValue), new(From, "a", long.MaxValue), new(From, "b", long.MaxValue)];

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal(long.MaxValue, spend.Series[0].Micros[0]);
        Assert.Equal(long.MaxValue, spend.MaxDayMicros);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DailySpend.Shape(To, From, []));
}
