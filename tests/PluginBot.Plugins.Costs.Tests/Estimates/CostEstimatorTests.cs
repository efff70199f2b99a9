using PluginBot.Plugins.Costs.Estimates;
using PluginBot.Plugins.Costs.Pricing;
using PluginBot.Plugins.Costs.Tests.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Estimates;

public sealed class CostEstimatorTests : IDisposable
{
    private static readonly ModelTarget House = new("gateway", "openai", "house-model", IsLocal: false);
    private readonly PriceSandbox _sandbox = new(
        ("Prices:0:Model", "gateway:house-model"),
        ("Prices:0:InputPerMillion", "3"),
        ("Prices:0:OutputPerMillion", "15"));

    private CostEstimator Estimator => new(_sandbox.Catalog);

    [Fact]
    public void A_known_prompt_gets_a_range_from_a_short_answer_to_the_longest_allowed()
    {
        // "hello world" is 2 tokens. Low: 2 × $0.000003 + 256 × $0.000015 = $0.003846.
        // High: 2 × $0.000003 + 1,000 × $0.000015 = $0.015006.
        var estimate = Estimator.Estimate(House, "hello world", maxOutputTokens: 1_000);

        Assert.Equal(new PluginBot.Abstractions.Costs.CostEstimate("gateway:house-model", 2, true, new(3_846), new(15_006), false), estimate);
    }

    [Fact]
    public void Several_calls_multiply_the_range()
    {
        var estimate = Estimator.Estimate(House, "hello world", maxOutputTokens: 1_000, calls: 3);

        Assert.Equal((11_538, 45_018), (estimate.Low.Micros, estimate.High.Micros));
        Assert.Equal(2, estimate.InputTokens);
    }

    [Fact]
    public void A_short_maximum_answer_closes_the_range()
    {
        // 2 × $0.000003 + 100 × $0.000015 = $0.001506 at both ends.
        var estimate = Estimator.Estimate(House, "hello world", maxOutputTokens: 100);

        Assert.Equal((1_506, 1_506), (estimate.Low.Micros, estimate.High.Micros));
    }

    [Fact]
    public void A_large_prompt_is_priced_at_its_tier()
    {
        // Gemini 2.5 Pro above 200k: 300,000 × $0.0000025 = $0.75, plus 256 or 1,000 × $0.000015.
        var gemini = new ModelTarget("gateway", "openai", "gemini/gemini-2.5-pro", IsLocal: false);

        var estimate = Estimator.Estimate(gemini, new TokenCount(300_000, Approximate: true), maxOutputTokens: 1_000);

        Assert.Equal((753_840, 765_000), (estimate.Low.Micros, estimate.High.Micros));
        Assert.True(estimate.TokensApproximate);
    }

    [Fact]
    public void An_unpriced_model_has_an_unknown_range_not_zero()
    {
        var estimate = Estimator.Estimate(House with { Model = "mystery" }, "hello world", maxOutputTokens: 1_000);

        Assert.True(estimate.Unpriced);
        Assert.Equal("unknown (no price for gateway:mystery)", estimate.ToString());
    }

    [Fact]
    public void A_local_model_costs_nothing()
    {
        var estimate = Estimator.Estimate(new ModelTarget("ollama", "ollama", "llama3.1:8b", IsLocal: true), "hello world", maxOutputTokens: 1_000);

        Assert.False(estimate.Unpriced);
        Assert.Equal("$0", estimate.ToString());
    }

    public void Dispose() => _sandbox.Dispose();
}
