using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Charts;

namespace PluginBot.Plugins.Costs.Tests.Charts;

public sealed class DailySpendTests
{
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2026, 11, 30);

    [Fact]
    public void Every_day_of_the_period_is_there_and_days_without_spend_are_zero()
    {
        var spend = DailySpend.Shape(From, To, [new(new DateOnly(2026, 11, 10), "total", Usd.FromMicros(42))]);

        Assert.Equal(30, spend.Days.Count);
        Assert.Equal(From, spend.Days[0]);
        Assert.Equal(To, spend.Days[^1]);
        var total = Assert.Single(spend.Series);
        Assert.Equal(30, total.Costs.Count);
        Assert.Equal(42, total.Costs[9].Micros);
        Assert.Equal(42, total.Total.Micros);
    }

    [Fact]
    public void Beyond_six_groups_the_smallest_are_summed_into_other()
    {
        var points = Enumerable.Range(1, 9).Select(n => new SpendPoint(From, $"model-{n}", Usd.FromMicros(n * 1_000L)));

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal(["model-9", "model-8", "model-7", "model-6", "model-5", "model-4", "other"], spend.Series.Select(s => s.Name));
        var other = spend.Series[^1];
        Assert.True(other.IsOther);
        Assert.Equal(1_000 + 2_000 + 3_000, other.Total.Micros);
        Assert.Equal(45_000, spend.Series.Sum(s => s.Total.Micros));
    }

    [Fact]
    public void Six_groups_or_fewer_are_kept_as_they_are()
    {
        var points = Enumerable.Range(1, 6).Select(n => new SpendPoint(From, $"user-{n}", Usd.FromMicros(10)));

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal(6, spend.Series.Count);
        Assert.DoesNotContain(spend.Series, s => s.IsOther);
    }

    [Fact]
    public void Groups_are_ordered_by_total_then_by_name_whatever_the_input_order()
    {
        SpendPoint[] points = [new(From, "b", Usd.FromMicros(5)), new(From.AddDays(1), "a", Usd.FromMicros(5)), new(From, "c", Usd.FromMicros(7)), new(From, "b", Usd.FromMicros(2))];

        var forward = DailySpend.Shape(From, To, points);
        var backward = DailySpend.Shape(From, To, points.Reverse());

        Assert.Equal(["b", "c", "a"], forward.Series.Select(s => s.Name));
        Assert.Equal(forward.Series.Select(s => s.Name), backward.Series.Select(s => s.Name));
    }

    [Fact]
    public void Points_outside_the_period_and_amounts_of_zero_or_less_are_left_out()
    {
        SpendPoint[] points = [new(From.AddDays(-1), "early", Usd.FromMicros(5)), new(To.AddDays(1), "late", Usd.FromMicros(5)), new(From, "nothing", Usd.FromMicros(0)), new(From, "refund", Usd.FromMicros(-5)), new(To, "kept", Usd.FromMicros(5))];

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal("kept", Assert.Single(spend.Series).Name);
    }

    [Fact]
    public void Unnamed_groups_get_a_visible_name()
    {
        var spend = DailySpend.Shape(From, To, [new(From, "  ", Usd.FromMicros(5))]);

        Assert.Equal(DailySpend.UnnamedGroup, Assert.Single(spend.Series).Name);
    }

    [Fact]
    public void A_kept_group_called_other_is_not_confused_with_the_rest()
    {
        var points = Enumerable.Range(1, 7).Select(n => new SpendPoint(From, n == 7 ? "other" : $"project-{n}", Usd.FromMicros(n)));

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal("other", spend.Series[0].Name);
        Assert.False(spend.Series[0].IsOther);
        Assert.Equal("1 more", spend.Series[^1].Name);
    }

    [Fact]
    public void Huge_amounts_saturate_instead_of_overflowing()
    {
        SpendPoint[] points = [new(From, "a", Usd.FromMicros(long.MaxValue)), new(From, "a", Usd.FromMicros(long.MaxValue)), new(From, "b", Usd.FromMicros(long.MaxValue))];

        var spend = DailySpend.Shape(From, To, points);

        Assert.Equal(long.MaxValue, spend.Series[0].Costs[0].Micros);
        Assert.Equal(long.MaxValue, spend.MaxDay.Micros);
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DailySpend.Shape(To, From, []));
}
