using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Charts;

namespace PluginBot.Plugins.Costs.Tests.Charts;

public sealed class SpendChartTests
{
    private static readonly DateOnly From = new(2026, 11, 1);
    private static readonly DateOnly To = new(2026, 11, 30);

    [Fact]
    public void Renders_a_png_of_the_asked_size()
    {
        var png = SpendChart.Render("Spend by model", From, To, Month(groups: 3));

        Assert.Equal((SpendChart.DefaultWidth, SpendChart.DefaultHeight), Png.Size(png));
        Assert.Equal((640, 320), Png.Size(SpendChart.Render("Small", From, To, Month(groups: 3), 640, 320)));
    }

    [Fact]
    public void Thirty_days_with_a_single_point_render()
    {
        var png = SpendChart.Render("Spend", From, To, [new(new DateOnly(2026, 11, 15), "total", Usd.FromMicros(120_000))]);

        Assert.Equal((900, 450), Png.Size(png));
    }

    [Fact]
    public void A_period_without_spend_renders()
    {
        var png = SpendChart.Render("Nothing yet", From, To, []);

        Assert.Equal((900, 450), Png.Size(png));
    }

    [Fact]
    public void More_than_six_groups_render_with_other()
    {
        var png = SpendChart.Render("Spend by user", From, To, Month(groups: 12));

        Assert.Equal((900, 450), Png.Size(png));
    }

    [Fact]
    public void Huge_and_tiny_amounts_render()
    {
        SpendPoint[] points = [new(From, "huge", Usd.FromMicros(long.MaxValue)), new(From, "huge", Usd.FromMicros(long.MaxValue)), new(From.AddDays(1), "tiny", Usd.FromMicros(1)), new(To, "tiny", Usd.FromMicros(3))];

        Assert.Equal((900, 450), Png.Size(SpendChart.Render("Extremes", From, To, points)));
        Assert.Equal((900, 450), Png.Size(SpendChart.Render("Tiny", From, To, [new(From, "tiny", Usd.FromMicros(1))])));
    }

    [Fact]
    public void Names_in_any_script_render()
    {
        SpendPoint[] points = [new(From, "Иван", Usd.FromMicros(10_000)), new(From, "王小明", Usd.FromMicros(20_000)), new(From, "🙂 emoji", Usd.FromMicros(30_000)), new(From, new string('x', 26) + "🙂🙂", Usd.FromMicros(5_000))];

        Assert.Equal((900, 450), Png.Size(SpendChart.Render("Spend by user — ноябрь", From, To, points)));
    }

    [Theory]
    [InlineData("gateway:gpt-4o", "gateway:gpt-4o")]
    [InlineData("anthropic/claude-3-5-sonnet-20241022", "anthropic/claude-3-5-sonnet…")]
    [InlineData("xxxxxxxxxxxxxxxxxxxxxxxxxx🙂🙂", "xxxxxxxxxxxxxxxxxxxxxxxxxx…")]
    public void Long_names_are_cut_in_the_legend(string name, string expected) =>
        Assert.Equal(expected, SpendChart.LegendLabel(name));

    [Fact]
    public void The_same_spend_gives_the_same_picture()
    {
        var points = Month(groups: 8);

        Assert.Equal(SpendChart.Render("Spend", From, To, points), SpendChart.Render("Spend", From, To, points.AsEnumerable().Reverse()));
    }

    [Fact]
    public async Task Charts_rendered_at_the_same_time_all_come_out()
    {
        var points = Month(groups: 8);

        var pngs = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => SpendChart.Render($"Chart {n}", From, To, points))));

        Assert.All(pngs, png => Assert.Equal((900, 450), Png.Size(png)));
    }

    [Fact]
    public void A_year_renders()
    {
        var year = Enumerable.Range(0, 365).Select(d => new SpendPoint(new DateOnly(2026, 1, 1).AddDays(d), $"m{d % 4}", Usd.FromMicros(1_000 + d)));

        Assert.Equal((900, 450), Png.Size(SpendChart.Render("2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), year)));
    }

    internal static List<SpendPoint> Month(int groups) =>
        [.. from day in Enumerable.Range(0, 30)
            from g in Enumerable.Range(0, groups)
            where (day + g) % 3 != 0
            select new SpendPoint(From.AddDays(day), $"provider/model-{g}", Usd.FromMicros((g + 1) * 7_500L * (1 + (day % 5))))];
}
