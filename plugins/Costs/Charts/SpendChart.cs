using PluginBot.Abstractions.Costs;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PluginBot.Plugins.Costs.Charts;

/// <summary>
/// The daily-spend chart: a PNG of stacked bars, one bar a day, one colour a group, a legend when there is more
/// than one group. Send it with <c>Reply.Attachment</c> as a photo.
/// </summary>
internal static class SpendChart
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 450;
    private const int MaxLegendLength = 28;

    private static readonly Color OtherColor = Color.FromHex("#9E9E9E");
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    /// <summary>Shapes <paramref name="points"/> (see <see cref="DailySpend.Shape"/>) and renders them.</summary>
    public static byte[] Render(string title, DateOnly from, DateOnly to, IEnumerable<SpendPoint> points, int width = DefaultWidth, int height = DefaultHeight) =>
        Render(title, DailySpend.Shape(from, to, points), width, height);

    public static byte[] Render(string title, DailySpend spend, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(spend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ChartFont.EnsureRegistered();

        using var plot = new Plot();
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Title.Label.FontName = ChartFont.For(title);
        plot.Axes.Title.Label.FontSize = 16;
        plot.Add.Bars(Stacks(spend));

        var showLegend = spend.Series.Count > 1;
        if (showLegend)
        {
            plot.Legend.ManualItems = [.. spend.Series.Select((series, i) => LegendItem(series, ColorOf(series, i)))];
            plot.ShowLegend(Edge.Right);
        }

        // The bars get what the dollar labels and the legend leave of the width.
        var barsWidth = width - (showLegend ? 260 : 100);
        plot.Axes.Bottom.TickGenerator = new NumericManual([.. DayAxis.Ticks(spend.Days, barsWidth).Select(t => Tick.Major(t.Position, t.Label))]);
        var dollars = DollarAxis.Ticks(spend.MaxDay);
        plot.Axes.Left.TickGenerator = new NumericManual([.. dollars.Select(t => Tick.Major(t.Position, t.Label))]);
        plot.Axes.SetLimits(-0.6, spend.Days.Count - 0.4, 0, dollars[^1].Position * 1.03);
        plot.Grid.XAxisStyle.IsVisible = false;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static List<Bar> Stacks(DailySpend spend)
    {
        var bars = new List<Bar>();
        for (var day = 0; day < spend.Days.Count; day++)
        {
            var stacked = 0m;
            for (var i = 0; i < spend.Series.Count; i++)
            {
                var cost = spend.Series[i].Costs[day];
                if (cost == Usd.Zero)
                {
                    continue;
                }

                var top = stacked + cost.Dollars;
                bars.Add(new Bar
                {
                    Position = day,
                    ValueBase = (double)stacked,
                    Value = (double)top,
                    Size = 0.8,
                    FillColor = ColorOf(spend.Series[i], i),
                    LineWidth = 0,
                });
                stacked = top;
            }
        }

        return bars;
    }

    /// <summary>Long model names would squeeze the bars: they are cut, never inside a character.</summary>
    internal static string LegendLabel(string name)
    {
        if (name.Length <= MaxLegendLength)
        {
            return name;
        }

        var keep = char.IsHighSurrogate(name[MaxLegendLength - 2]) ? MaxLegendLength - 2 : MaxLegendLength - 1;
        return name[..keep] + "…";
    }

    private static LegendItem LegendItem(SpendSeries series, Color color)
    {
        var label = LegendLabel(series.Name);
        return new LegendItem { LabelText = label, LabelFontName = ChartFont.For(label), FillColor = color };
    }

    private static Color ColorOf(SpendSeries series, int index) => series.IsOther ? OtherColor : Palette.GetColor(index);
}
