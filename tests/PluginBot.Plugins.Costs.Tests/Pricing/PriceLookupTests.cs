using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

public sealed class PriceLookupTests : IDisposable
{
    private readonly PriceSandbox _sandbox = new();

    [Theory]
    [InlineData("anthropic/claude-haiku-4-5", "anthropic/claude-haiku-4-5")]
    [InlineData("openrouter/anthropic/claude-haiku-4-5", "anthropic/claude-haiku-4-5")]
    [InlineData("vertex/gemini-2.5-flash", "gemini-2.5-flash")]
    public void Gateway_style_prefixed_names_resolve(string model, string matched)
    {
        var lookup = _sandbox.Catalog.Find("gateway", "openai", model, isLocal: false);

        Assert.Equal(matched, lookup.MatchedKey);
        Assert.Equal(PriceOrigin.Default, lookup.Origin);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("anthropic/claude-haiku-4-5-20251001", "anthropic/claude-haiku-4-5")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("gpt-4o-2024-05-13", "gpt-4o-2024-05-13")]
    public void Snapshot_dates_are_dropped_unless_the_snapshot_has_its_own_price(string model, string matched)
    {
        Assert.Equal(matched, _sandbox.Catalog.Find("gateway", "openai", model, isLocal: false).MatchedKey);
    }

    [Fact]
    public void The_endpoint_kind_names_the_provider_a_bare_model_belongs_to()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("anthropic/house-model", 2, 4));

        var lookup = _sandbox.Catalog.Find("claude", "anthropic", "house-model-20260101", isLocal: false);

        Assert.Equal("anthropic/house-model", lookup.MatchedKey);
        Assert.Equal(PriceOrigin.PriceFile, lookup.Origin);
    }

    [Fact]
    public void An_unknown_model_is_unpriced_not_free()
    {
        var lookup = _sandbox.Catalog.Find("gateway", "openai", "brand-new-model", isLocal: false);

        Assert.False(lookup.IsPriced);
        Assert.False(lookup.IsFree);
        Assert.Null(lookup.Price);
        Assert.Equal(PriceOrigin.None, lookup.Origin);
    }

    [Fact]
    public void A_local_model_is_free_unless_priced()
    {
        var free = _sandbox.Catalog.Find("ollama", "ollama", "qwen2.5:7b", isLocal: true);
        Assert.True(free.IsFree);
        Assert.Equal(PriceOrigin.Local, free.Origin);

        _sandbox.Set("Prices:0:Model", "ollama:qwen2.5:7b");
        _sandbox.Set("Prices:0:InputPerMillion", "0.1");
        _sandbox.Set("Prices:0:OutputPerMillion", "0.2");
        _sandbox.Catalog.Reload();

        var priced = _sandbox.Catalog.Find("ollama", "ollama", "qwen2.5:7b", isLocal: true);
        Assert.False(priced.IsFree);
        Assert.Equal(new TokenRates(0.0000001m, 0.0000002m), priced.Price!.Rates);
    }

    [Fact]
    public void A_configured_price_beats_the_file_which_beats_the_built_in_one()
    {
        Assert.Equal(0.0000025m, InputRate("gpt-4o"));

        _sandbox.WritePriceFile(PriceSandbox.Entry("gpt-4o", 2, 8));
        _sandbox.Catalog.Reload();
        Assert.Equal(0.000002m, InputRate("gpt-4o"));
        Assert.Equal(PriceOrigin.PriceFile, _sandbox.Catalog.Find("gateway", "openai", "gpt-4o", false).Origin);

        _sandbox.Set("Prices:0:Model", "gpt-4o");
        _sandbox.Set("Prices:0:InputPerMillion", "1.5");
        _sandbox.Set("Prices:0:OutputPerMillion", "6");
        _sandbox.Catalog.Reload();
        Assert.Equal(0.0000015m, InputRate("gpt-4o"));
        Assert.Equal(PriceOrigin.Override, _sandbox.Catalog.Find("gateway", "openai", "gpt-4o", false).Origin);
    }

    [Fact]
    public void A_file_entry_under_any_name_beats_a_built_in_exact_match()
    {
        _sandbox.WritePriceFile(PriceSandbox.Entry("claude-haiku-4-5", 0.5m, 2.5m));

        Assert.Equal(0.0000005m, InputRate("anthropic/claude-haiku-4-5"));
    }

    [Fact]
    public void A_price_for_endpoint_and_model_beats_one_for_the_model_alone()
    {
        _sandbox.Set("Prices:0:Model", "gpt-4o");
        _sandbox.Set("Prices:0:InputPerMillion", "1");
        _sandbox.Set("Prices:0:OutputPerMillion", "4");
        _sandbox.Set("Prices:1:Model", "gateway:openai/gpt-4o");
        _sandbox.Set("Prices:1:InputPerMillion", "2");
        _sandbox.Set("Prices:1:OutputPerMillion", "8");

        Assert.Equal("gateway:openai/gpt-4o", _sandbox.Catalog.Find("gateway", "openai", "openai/gpt-4o", false).MatchedKey);
        Assert.Equal("gpt-4o", _sandbox.Catalog.Find("azure", "openai", "openai/gpt-4o", false).MatchedKey);
    }

    [Fact]
    public void Configured_prices_are_per_million_with_optional_cache_and_reasoning_rates()
    {
        _sandbox.Set("Prices:0:Model", "gateway:house-model");
        _sandbox.Set("Prices:0:InputPerMillion", "3");
        _sandbox.Set("Prices:0:OutputPerMillion", "$15");
        _sandbox.Set("Prices:0:CacheReadPerMillion", "0.3");
        _sandbox.Set("Prices:0:CacheWritePerMillion", "3.75");
        _sandbox.Set("Prices:0:ReasoningPerMillion", "20");

        var price = _sandbox.Catalog.Find("gateway", "openai", "house-model", false).Price;

        Assert.Equal(new TokenRates(0.000003m, 0.000015m, 0.0000003m, 0.00000375m, 0.00002m), price!.Rates);
    }

    [Fact]
    public void Invalid_configured_prices_are_named_and_the_valid_ones_still_apply()
    {
        _sandbox.Set("Prices:0:InputPerMillion", "1");
        _sandbox.Set("Prices:0:OutputPerMillion", "2");
        _sandbox.Set("Prices:1:Model", "gpt-4o");
        _sandbox.Set("Prices:1:InputPerMillion", "abc");
        _sandbox.Set("Prices:1:OutputPerMillion", "-2");
        _sandbox.Set("Prices:2:Model", "house-model");
        _sandbox.Set("Prices:2:InputPerMillion", "1");
        _sandbox.Set("Prices:2:OutputPerMillion", "2");

        Assert.Equal(
        [
            "Plugins:Costs:Prices:0:Model: name the model, as endpoint:model (gateway:anthropic/claude-sonnet-4-5) or a model id for every endpoint (claude-sonnet-4-5)",
            "Plugins:Costs:Prices:1:InputPerMillion: 'abc' is not a number of USD per million tokens, e.g. 3 or 0.15",
            "Plugins:Costs:Prices:1:OutputPerMillion: a price must not be negative",
        ], _sandbox.Catalog.Problems);
        Assert.Equal(PriceOrigin.Default, _sandbox.Catalog.Find("gateway", "openai", "gpt-4o", false).Origin);
        Assert.Equal(PriceOrigin.Override, _sandbox.Catalog.Find("gateway", "openai", "house-model", false).Origin);
    }

    [Fact]
    public void Lookups_find_every_name_variant_in_order()
    {
        Assert.Equal(
            ["gateway/anthropic/claude-x-20250929", "anthropic/claude-x-20250929", "claude-x-20250929", "openai/claude-x-20250929",
             "gateway/anthropic/claude-x", "anthropic/claude-x", "claude-x", "openai/claude-x"],
            ModelNames.Candidates(" gateway/anthropic/claude-x-20250929 ", "OpenAI"));
    }

    public void Dispose() => _sandbox.Dispose();

    private decimal InputRate(string model) => _sandbox.Catalog.Find("gateway", "openai", model, isLocal: false).Price!.Rates.Input;
}
