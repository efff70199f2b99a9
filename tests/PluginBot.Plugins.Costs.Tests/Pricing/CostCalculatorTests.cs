using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

public sealed class CostCalculatorTests
{
    // $3 / $15 per million, cache reads $0.30, writes $3.75; above 200k prompt tokens $6 / $22.50, $0.60, $7.50.
    private static readonly ModelPrice Sonnet = new(new TokenRates(0.000003m, 0.000015m, 0.0000003m, 0.00000375m))
    {
        Tiers = [new PriceTier(200_000, 0.000006m, 0.0000225m, 0.0000006m, 0.0000075m, null)],
    };

    // $1.25 / $10 per million, cache reads $0.125, no cache-write price, reasoning $12.
    private static readonly ModelPrice Reasoner = new(new TokenRates(0.00000125m, 0.00001m, 0.000000125m, null, 0.000012m));

    [Fact]
    public void Plain_input_and_output_are_priced_at_their_rates()
    {
        // 1,000 × $0.000003 + 500 × $0.000015 = $0.003 + $0.0075
        var cost = CostCalculator.Cost(Sonnet, new LlmUsage(1_000, 500, 0, 0));

        Assert.Equal(new CostBreakdown(Usd.FromMicros(10_500), Usd.FromMicros(3_000), Usd.FromMicros(0), Usd.FromMicros(0), Usd.FromMicros(7_500), Usd.FromMicros(0)), cost);
    }

    [Fact]
    public void A_prompt_above_200k_prices_the_whole_call_at_the_tier()
    {
        // 250,000 × $0.000006 + 1,000 × $0.0000225 = $1.5 + $0.0225
        var cost = CostCalculator.Cost(Sonnet, new LlmUsage(250_000, 1_000, 0, 0));

        Assert.Equal(1_522_500, cost.Total.Micros);
    }

    [Fact]
    public void A_prompt_of_exactly_200k_stays_at_the_base_rates()
    {
        // 200,000 × $0.000003 + 1,000 × $0.000015 = $0.6 + $0.015
        Assert.Equal(615_000, CostCalculator.Cost(Sonnet, new LlmUsage(200_000, 1_000, 0, 0)).Total.Micros);
    }

    [Fact]
    public void Cache_reads_writes_and_reasoning_are_priced_apart()
    {
        // 2,000 uncached × $0.00000125 = $0.0025; 6,000 read × $0.000000125 = $0.00075;
        // 2,000 written at the input rate (no write price) = $0.0025; 600 answer × $0.00001 = $0.006;
        // 400 reasoning × $0.000012 = $0.0048.
        var usage = new LlmUsage(10_000, 1_000, 6_000, 400) { CacheWriteInputTokens = 2_000 };

        var cost = CostCalculator.Cost(Reasoner, usage);

        Assert.Equal(new CostBreakdown(Usd.FromMicros(16_550), Usd.FromMicros(2_500), Usd.FromMicros(750), Usd.FromMicros(2_500), Usd.FromMicros(6_000), Usd.FromMicros(4_800)), cost);
    }

    [Fact]
    public void Without_a_reasoning_rate_all_output_is_priced_at_the_output_rate()
    {
        // 2,000 × $0.000003 + 6,000 × $0.0000003 + 2,000 × $0.00000375 + 1,000 × $0.000015
        var usage = new LlmUsage(10_000, 1_000, 6_000, 400) { CacheWriteInputTokens = 2_000 };

        var cost = CostCalculator.Cost(Sonnet, usage);

        Assert.Equal(new CostBreakdown(Usd.FromMicros(30_300), Usd.FromMicros(6_000), Usd.FromMicros(1_800), Usd.FromMicros(7_500), Usd.FromMicros(15_000), Usd.FromMicros(0)), cost);
    }

    [Fact]
    public void Cached_tokens_above_the_prompt_never_make_uncached_input_negative()
    {
        // 0 uncached; 80 × $0.0000003 + 50 × $0.00000375 = $0.0002115 → 211.5 micros, rounded half away from zero.
        var usage = new LlmUsage(100, 0, 80, 0) { CacheWriteInputTokens = 50 };

        var cost = CostCalculator.Cost(Sonnet, usage);

        Assert.Equal(0, cost.Input.Micros);
        Assert.Equal(212, cost.Total.Micros);
    }

    [Fact]
    public void The_total_is_rounded_once_from_the_exact_sum()
    {
        // 1 token at $0.0000005 in and 1 at $0.0000005 out: each part is half a micro-dollar, the sum exactly one.
        var price = new ModelPrice(new TokenRates(0.0000005m, 0.0000005m));

        var cost = CostCalculator.Cost(price, new LlmUsage(1, 1, 0, 0));

        Assert.Equal(1, cost.Total.Micros);
        Assert.Equal(1, cost.Input.Micros);
    }

    [Fact]
    public void The_most_a_call_can_cost_takes_the_dearest_rates_and_rounds_up()
    {
        // 1,000 × $0.00000375 (the cache-write rate) + 500 × $0.000015
        Assert.Equal(11_250, CostCalculator.MaxCost(Sonnet, 1_000, 500).Micros);

        // 1 × $0.0000001 is a tenth of a micro-dollar: a reservation never rounds it away.
        Assert.Equal(1, CostCalculator.MaxCost(new ModelPrice(new TokenRates(0.0000001m, 0m)), 1, 0).Micros);

        // The reasoning rate is dearer than the output rate: 100 × $0.00000125 + 1,000 × $0.000012
        Assert.Equal(12_125, CostCalculator.MaxCost(Reasoner, 100, 1_000).Micros);
    }

    [Fact]
    public void The_most_a_call_can_cost_uses_the_tier_its_prompt_reaches()
    {
        // 300,000 × $0.0000075 + 10,000 × $0.0000225 = $2.25 + $0.225
        Assert.Equal(2_475_000, CostCalculator.MaxCost(Sonnet, 300_000, 10_000).Micros);
    }

    [Fact]
    public void Absurd_amounts_saturate_instead_of_overflowing()
    {
        var price = new ModelPrice(new TokenRates(1_000_000m, 1_000_000m));

        Assert.Equal(long.MaxValue, CostCalculator.MaxCost(price, long.MaxValue, long.MaxValue).Micros);
        Assert.Equal(long.MaxValue, CostCalculator.Cost(price, new LlmUsage(long.MaxValue, 0, 0, 0)).Total.Micros);
    }
}
