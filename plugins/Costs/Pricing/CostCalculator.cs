using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>What a call cost, by kind of token (each part rounded on its own, for display).</summary>
/// <param name="Total">The cost, rounded once from the exact sum.</param>
/// <param name="Input">Prompt tokens neither read from nor written to the cache.</param>
/// <param name="CachedInput">Prompt tokens read from the cache.</param>
/// <param name="CacheWrite">Prompt tokens written to the cache.</param>
/// <param name="Output">Completion tokens, reasoning ones included unless the model prices them apart.</param>
/// <param name="Reasoning">Reasoning tokens, when the model prices them apart.</param>
internal sealed record CostBreakdown(Usd Total, Usd Input, Usd CachedInput, Usd CacheWrite, Usd Output, Usd Reasoning);

/// <summary>
/// Exact <see cref="decimal"/> arithmetic on per-token prices, turned into <see cref="Usd"/> only at the end: by its
/// one rule (the nearest micro-dollar, half away from zero) for what a call cost, upwards for what it may cost at most
/// (<see cref="Usd.FromDollarsRoundedUp"/>: a reservation must not fall short).
/// </summary>
internal static class CostCalculator
{
    /// <summary>
    /// The cost of a finished call. The whole call is priced at the tier its prompt reaches. Prompt tokens split into
    /// uncached (input rate), cache reads and cache writes; completion tokens into reasoning (at the reasoning rate,
    /// when the model has one) and the rest (output rate).
    /// </summary>
    public static CostBreakdown Cost(ModelPrice price, LlmUsage usage)
    {
        ArgumentNullException.ThrowIfNull(price);
        ArgumentNullException.ThrowIfNull(usage);
        var input = Math.Max(0, usage.InputTokens);
        var cached = Math.Max(0, usage.CachedInputTokens);
        var written = Math.Max(0, usage.CacheWriteInputTokens);
        var output = Math.Max(0, usage.OutputTokens);
        var rates = price.RatesFor(input);
        var reasoning = rates.Reasoning is null ? 0 : Math.Clamp(usage.ReasoningTokens, 0, output);

        var parts = new[]
        {
            Math.Max(0, input - cached - written) * rates.Input,
            cached * rates.CacheReadRate,
            written * rates.CacheWriteRate,
            (output - reasoning) * rates.Output,
            reasoning * rates.ReasoningRate,
        };
        return new CostBreakdown(
            Usd.FromDollars(parts.Sum()),
            Usd.FromDollars(parts[0]),
            Usd.FromDollars(parts[1]),
            Usd.FromDollars(parts[2]),
            Usd.FromDollars(parts[3]),
            Usd.FromDollars(parts[4]));
    }

    /// <summary>
    /// The most a call can cost, for a budget reservation: every prompt token at the dearest input rate (cache writes
    /// included) and every completion token at the dearest output rate, at the tier the prompt reaches; rounded up.
    /// </summary>
    public static Usd MaxCost(ModelPrice price, long inputTokens, long maxOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(price);
        var input = Math.Max(0, inputTokens);
        var rates = price.RatesFor(input);
        return Usd.FromDollarsRoundedUp((input * rates.HighestInputRate) + (Math.Max(0, maxOutputTokens) * rates.HighestOutputRate));
    }
}
