namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>What one model costs: base rates, context-size tiers, and the limits the catalog knows.</summary>
internal sealed record ModelPrice(TokenRates Rates)
{
    public static ModelPrice Free { get; } = new(new TokenRates(0, 0));

    /// <summary>Ordered by threshold, lowest first.</summary>
    public IReadOnlyList<PriceTier> Tiers { get; init; } = [];

    public long? MaxInputTokens { get; init; }

    public long? MaxOutputTokens { get; init; }

    /// <summary>LiteLLM's <c>litellm_provider</c>, when the file gives it.</summary>
    public string? Provider { get; init; }

    public bool IsFree => Rates.IsFree && Tiers.All(tier => RatesFor(tier.AboveInputTokens + 1).IsFree);

    /// <summary>The rates for a call with this many prompt tokens: the highest tier it exceeds, else the base.</summary>
    public TokenRates RatesFor(long inputTokens)
    {
        var tier = Tiers.LastOrDefault(t => inputTokens > t.AboveInputTokens);
        return tier is null
            ? Rates
            : new TokenRates(
                tier.Input ?? Rates.Input,
                tier.Output ?? Rates.Output,
                tier.CacheRead ?? Rates.CacheRead,
                tier.CacheWrite ?? Rates.CacheWrite,
                tier.Reasoning ?? Rates.Reasoning);
    }
}
