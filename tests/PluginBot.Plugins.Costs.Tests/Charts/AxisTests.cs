using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Charts;

namespace PluginBot.Plugins.Costs.Tests.Charts;

public sealed class AxisTests
{
    [Theory]
    [InlineData(50_000, "$0 $0.01 $0.02 $0.03 $0.04 $0.05")]
    [InlineData(1_200_000, "$0 $0.20 $0.40 $0.60 $0.80 $1.00 $1.20")]
    [InlineData(1_010_000, "$0 $0.20 $0.40 $0.60 $0.80 $1.00 $1.20")]
    [InlineData(42, "$0 $0.00001 $0.00002 $0.00003 $0.00004 $0.00005")]
    [InlineData(21_300, "$0 $0.005 $0.010 $0.015 $0.020 $0.025")]
    [InlineData(1, "$0 $0.000001")]
    [InlineData(0, "$0 $0.20 $0.40 $0.60 $0.80 $1.00")]
    [InlineData(1_234_000_000, "$0 $500 $1,000 $1,500")]
    [InlineData(12_345_000_000, "$0 $5,000 $10,000 $15,000")]
    [InlineData(long.MaxValue, "$0 $2,000,000,000,000 $4,000,000,000,000 $6,000,000,000,000 $8,000,000,000,000 $10,000,000,000,000")]
    public void Dollar_ticks_are_round_and_readable(long maxMicros, string expected) =>
        Assert.Equal(expected, string.Join(' ', DollarAxis.Ticks(Usd.FromMicros(maxMicros)).Select(t => t.Label)));

    [Fact]
    public void Dollar_ticks_reach_the_highest_day()
    {
        var ticks = DollarAxis.Ticks(Usd.FromMicros(1_234_567));

        Assert.True(ticks[^1].Position >= 1.234567);
        Assert.Equal(0, ticks[0].Position);
    }

    [Fact]
    public void A_week_has_a_label_every_day()
    {
        var ticks = DayAxis.Ticks(Days(new DateOnly(2026, 11, 20), 7), 800);

        Assert.Equal(["Nov 20", "Nov 21", "Nov 22", "Nov 23", "Nov 24", "Nov 25", "Nov 26"], ticks.Select(t => t.Label));
    }

    [Fact]
    public void A_month_or_longer_is_thinned_to_labels_that_fit()
    {
        var month = DayAxis.Ticks(Days(new DateOnly(2026, 10, 1), 31), 800);
        var year = DayAxis.Ticks(Days(new DateOnly(2026, 1, 1), 365), 800);

        Assert.InRange(month.Count, 6, 16);
        Assert.Equal("Oct 1", month[0].Label);
        Assert.InRange(year.Count, 4, 12);
        Assert.All(year, t => Assert.EndsWith(" 1", t.Label, StringComparison.Ordinal));
        Assert.Equal(month[1].Position - month[0].Position, month[2].Position - month[1].Position);
    }

    [Fact]
    public void A_period_across_new_year_shows_the_year()
    {
        var ticks = DayAxis.Ticks(Days(new DateOnly(2026, 12, 30), 4), 800);

        Assert.Equal("2026-12-30", ticks[0].Label);
        Assert.Equal("2027-01-02", ticks[^1].Label);
    }

    private static List<DateOnly> Days(DateOnly from, int count) => [.. Enumerable.Range(0, count).Select(from.AddDays)];
}
