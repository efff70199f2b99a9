using System.Text.Json;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Abstractions.Tests;

public sealed class UsdTests
{
    [Theory]
    [InlineData(0, "$0")]
    [InlineData(12_345_678, "$12.35")]
    [InlineData(1_234_567_890_000, "$1,234,567.89")]
    [InlineData(21_300, "$0.0213")]
    [InlineData(42, "$0.000042")]
    [InlineData(-500_000, "-$0.50")]
    public void Amounts_are_shown_with_as_many_decimals_as_they_need(long micros, string shown) =>
        Assert.Equal(shown, Usd.FromMicros(micros).ToString());

    [Theory]
    [InlineData("5", 5_000_000)]
    [InlineData(" 0.50 ", 500_000)]
    [InlineData("$2", 2_000_000)]
    [InlineData("0.0000005", 1)]
    [InlineData("0.0000004", 0)]
    public void Typed_amounts_round_to_the_nearest_micro_dollar(string typed, long micros)
    {
        Assert.True(Usd.TryParse(typed, out var amount));
        Assert.Equal(micros, amount.Micros);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("-1")]
    [InlineData("1,50")]
    [InlineData("five")]
    [InlineData("$")]
    [InlineData("1000000001")]
    public void What_is_not_an_amount_is_refused(string? typed) => Assert.False(Usd.TryParse(typed, out _));

    [Fact]
    public void Halves_round_away_from_zero_in_both_directions()
    {
        Assert.Equal(3, Usd.FromDollars(0.0000025m).Micros);
        Assert.Equal(-3, Usd.FromDollars(-0.0000025m).Micros);
    }

    [Fact]
    public void Sums_saturate_instead_of_wrapping()
    {
        Assert.Equal(Usd.MaxValue, Usd.MaxValue + Usd.FromMicros(1));
        Assert.Equal(long.MinValue, (Usd.FromMicros(long.MinValue) - Usd.FromMicros(1)).Micros);
        Assert.Equal(Usd.MaxValue, Usd.FromMicros(long.MaxValue / 2 + 1) * 2);
        Assert.Equal(Usd.MaxValue, Usd.FromDollars(decimal.MaxValue));
    }

    [Fact]
    public void Amounts_compare_by_value()
    {
        var cent = Usd.FromDollars(0.01m);
        var dollar = Usd.FromDollars(1m);
        Assert.True(cent < dollar && dollar > cent && cent <= Usd.FromMicros(10_000) && dollar >= cent);
        Assert.Equal(cent, Usd.Min(cent, dollar));
        Assert.Equal(dollar, Usd.Max(cent, dollar));
        Assert.Equal(Usd.FromMicros(1_010_000), cent + dollar);
    }

    [Fact]
    public void Json_carries_dollars_both_ways()
    {
        var json = JsonSerializer.Serialize(new { budget = Usd.FromDollars(0.42m), none = (Usd?)null });
        Assert.Equal("""{"budget":0.42,"none":null}""", json);
        Assert.Equal(Usd.FromMicros(1_500_000), JsonSerializer.Deserialize<Usd>("1.5"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Usd>("\"1.5\""));
    }

    [Fact]
    public void The_invariant_text_keeps_every_digit() => Assert.Equal("0.000042", Usd.FromMicros(42).ToInvariantString());

    [Theory]
    [InlineData("0.0000001", 1)]
    [InlineData("0.0000019", 2)]
    [InlineData("0.000002", 2)]
    [InlineData("1.0000000001", 1_000_001)]
    [InlineData("-0.0000019", -1)]
    public void An_upper_bound_rounds_up_so_it_never_falls_below_the_exact_amount(string dollars, long micros) =>
        Assert.Equal(micros, Usd.FromDollarsRoundedUp(decimal.Parse(dollars, System.Globalization.CultureInfo.InvariantCulture)).Micros);

    [Fact]
    public void An_upper_bound_beyond_the_range_saturates() =>
        Assert.Equal(Usd.MaxValue, Usd.FromDollarsRoundedUp(decimal.MaxValue));
}
