using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Costs.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0, "$0")]
    [InlineData(12_345_678, "$12.35")]
    [InlineData(1_234_567_890, "$1,234.57")]
    [InlineData(21_300, "$0.0213")]
    [InlineData(500_000, "$0.50")]
    [InlineData(42, "$0.000042")]
    [InlineData(-1_500_000, "-$1.50")]
    public void Formats_dollars_readably(long micros, string expected) => Assert.Equal(expected, Money.Format(micros));

    [Theory]
    [InlineData("5", 5_000_000)]
    [InlineData("0.50", 500_000)]
    [InlineData("$2", 2_000_000)]
    [InlineData(" 0.0000015 ", 2)]
    public void Parses_dollars(string text, long expected) => Assert.Equal(expected, Money.ParseDollars(text));

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("five")]
    [InlineData("1e3")]
    [InlineData("2000000000")]
    public void Refuses_what_is_not_an_amount(string text) => Assert.Null(Money.ParseDollars(text));

    [Fact]
    public void Estimate_reads_as_a_range()
    {
        Assert.Equal("≈ $0.02–0.05", new CostEstimate("gateway:m", 1000, false, Usd.FromMicros(20_000), Usd.FromMicros(50_000), false).ToString());
        Assert.Equal("$0", new CostEstimate("ollama:llama3", 1000, true, Usd.FromMicros(0), Usd.FromMicros(0), false).ToString());
        Assert.Equal("unknown (no price for gateway:new)", new CostEstimate("gateway:new", 1000, false, Usd.FromMicros(0), Usd.FromMicros(0), true).ToString());
    }
}
