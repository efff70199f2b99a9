using PluginBot.Plugins.Costs.Charts;

namespace PluginBot.Plugins.Costs.Tests.Charts;

public sealed class ChartFontTests
{
    [Fact]
    public void Chart_text_uses_the_font_carried_in_the_plugin()
    {
        ChartFont.EnsureRegistered();

        var typeface = ScottPlot.Fonts.GetTypeface(ChartFont.Name, bold: false, italic: false);

        Assert.Equal(ChartFont.Name, ScottPlot.Fonts.Default);
        Assert.Equal("DejaVu Sans", typeface.FamilyName);
        Assert.True(typeface.ContainsGlyphs("$0.05 $1,234.00 Nov 26 2026-12-30 other Иван Ελένη"));
    }

    [Theory]
    [InlineData("Spend by model, November 2026")]
    [InlineData("Иван")]
    [InlineData("gateway:gpt-4o")]
    public void Text_the_carried_font_can_show_stays_in_it(string text) => Assert.Equal(ChartFont.Name, ChartFont.For(text));

    [Fact]
    public void Text_is_drawn()
    {
        // With no usable font every label is drawn as nothing, and two titles give the same picture.
        var from = new DateOnly(2026, 11, 1);

        Assert.NotEqual(SpendChart.Render("Spend by model", from, from, []), SpendChart.Render("Spend by user", from, from, []));
    }
}
