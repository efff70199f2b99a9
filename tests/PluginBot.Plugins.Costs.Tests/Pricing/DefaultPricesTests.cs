using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

public sealed class DefaultPricesTests : IDisposable
{
    private readonly PriceSandbox _sandbox = new();

    [Fact]
    public void The_built_in_file_loads_without_problems_and_is_dated()
    {
        Assert.Empty(_sandbox.Catalog.Problems);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", _sandbox.Catalog.Status.DefaultsUpdated);
    }

    [Theory]
    [InlineData("anthropic", "claude-opus-4-1", 15, 75)]
    [InlineData("anthropic", "claude-sonnet-4-5", 3, 15)]
    [InlineData("anthropic", "claude-haiku-4-5", 1, 5)]
    [InlineData("anthropic", "claude-3-5-haiku", 0.8, 4)]
    [InlineData("openai", "gpt-5", 1.25, 10)]
    [InlineData("openai", "gpt-5-mini", 0.25, 2)]
    [InlineData("openai", "gpt-5-nano", 0.05, 0.4)]
    [InlineData("openai", "gpt-4.1", 2, 8)]
    [InlineData("openai", "gpt-4.1-mini", 0.4, 1.6)]
    [InlineData("openai", "gpt-4o", 2.5, 10)]
    [InlineData("openai", "gpt-4o-mini", 0.15, 0.6)]
    [InlineData("openai", "o3", 2, 8)]
    [InlineData("openai", "o4-mini", 1.1, 4.4)]
    [InlineData("gemini", "gemini-2.5-pro", 1.25, 10)]
    [InlineData("gemini", "gemini-2.5-flash", 0.3, 2.5)]
    [InlineData("deepseek", "deepseek-chat", 0.28, 0.42)]
    public void Common_models_are_priced_with_and_without_their_provider(string provider, string model, double inputPerMillion, double outputPerMillion)
    {
        var bare = _sandbox.Catalog.Find("gateway", "openai", model, false);
        var prefixed = _sandbox.Catalog.Find("gateway", "openai", $"{provider}/{model}", false);

        Assert.Equal(model, bare.MatchedKey);
        Assert.Equal($"{provider}/{model}", prefixed.MatchedKey);
        Assert.Equal(new TokenRates((decimal)inputPerMillion / 1_000_000m, (decimal)outputPerMillion / 1_000_000m), bare.Price!.Rates with { CacheRead = null, CacheWrite = null });
        Assert.Equal(bare.Price.Rates, prefixed.Price!.Rates);
    }

    [Theory]
    [InlineData("groq/llama-3.3-70b-versatile")]
    [InlineData("llama-3.3-70b-versatile")]
    [InlineData("together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo")]
    [InlineData("meta-llama/Llama-3.3-70B-Instruct-Turbo")]
    public void Open_models_served_by_providers_are_priced(string model)
    {
        Assert.Equal(PriceOrigin.Default, _sandbox.Catalog.Find("gateway", "openai", model, false).Origin);
    }

    [Fact]
    public void Gemini_2_5_pro_costs_more_above_200k_prompt_tokens()
    {
        var price = _sandbox.Catalog.Find("gateway", "openai", "gemini/gemini-2.5-pro", false).Price!;

        Assert.Equal(new TokenRates(0.00000125m, 0.00001m, 0.000000125m), price.RatesFor(200_000));
        Assert.Equal(new TokenRates(0.0000025m, 0.000015m, 0.00000025m), price.RatesFor(200_001));
    }

    [Fact]
    public void Claude_prices_cache_writes_above_input_and_reads_at_a_tenth()
    {
        var rates = _sandbox.Catalog.Find("anthropic", "anthropic", "claude-sonnet-4-5-20250929", false).Price!.Rates;

        Assert.Equal(0.00000375m, rates.CacheWrite);
        Assert.Equal(rates.Input / 10, rates.CacheRead);
    }

    public void Dispose() => _sandbox.Dispose();
}
