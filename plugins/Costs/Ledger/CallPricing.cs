using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Ledger;

/// <summary>The catalog's answer for one call's model, in the terms the ledger and the gate need.</summary>
internal sealed class CallPricing(PriceCatalog catalog)
{
    /// <summary>The model's price, or null when it has none (unpriced: its cost is unknown, not zero).</summary>
    public CallPrice? Find(string endpoint, string endpointKind, string model, bool isLocal) =>
        catalog.Find(endpoint, endpointKind, model, isLocal) is { Price: { } price } lookup
            ? new CallPrice(lookup.MatchedKey ?? lookup.Origin.ToString().ToLowerInvariant(), price)
            : null;
}

/// <summary>A priced model: what a call costs, at most and really.</summary>
/// <param name="Key">The catalog entry (or <c>local</c>) the price came from.</param>
/// <param name="Price">The price.</param>
internal sealed record CallPrice(string Key, ModelPrice Price)
{
    public Usd MaxCost(long inputTokens, long maxOutputTokens) => CostCalculator.MaxCost(Price, inputTokens, maxOutputTokens);

    public Usd Cost(LlmUsage usage) => CostCalculator.Cost(Price, usage).Total;

    public Usd InputCost(long inputTokens) => CostCalculator.Cost(Price, new LlmUsage(inputTokens, 0, 0, 0)).Total;
}
