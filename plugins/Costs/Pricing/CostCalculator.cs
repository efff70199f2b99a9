using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>What a call cost, in micro-dollars, by kind of token (each part rounded on its own, for display).</summary>
/// <param name="TotalMicros">The cost, rounded once from the exact sum.</param>
/// <param name="InputMicros">Prompt tokens neither read from nor written to the cache.</param>
/// <param name="CachedInputMicros">Prompt tokens read from the cache.</param>
/// <param name="CacheWriteMicros">Prompt tokens written to the cache.</param>
/// <param name="OutputMicros">Completion tokens, reasoning ones included unless the model prices them apart.</param>
/// <param name="ReasoningMicros">Reasoning tokens, when the model prices them apart.</param>
internal sealed record CostBreakdown(long TotalMicros, long InputMicros, long CachedInputMicros, long CacheWriteMicros, long OutputMicros, long ReasoningMicros);

/// <summary>
/// Exact <see cref="decimal"/> arithmetic on per-token prices, turned into integer micro-dollars only at the end:
/// to the nearest (half away from zero) for what a call cost, upwards for what it may cost at most.
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
            ToMicros(parts.Sum()),
            ToMicros(parts[0]),
            ToMicros(parts[1]),
            ToMicros(parts[2]),
            ToMicros(parts[3]),
            ToMicros(parts[4]));
    }

    /// <summary>
    /// The most a call can cost, for a budget reservation: every prompt token at the dearest input rate (cache writes
    /// included) and every completion token at the dearest output rate, at the tier the prompt reaches; rounded up.
    /// </summary>
    public static long MaxCostMicros(ModelPrice price, long inputTokens, long maxOutputTokens)
    {
        ArgumentNullException.ThrowIfNull(price);
        var input = Math.Max(0, inputTokens);
        var rates = price.RatesFor(input);
        return ToMicrosRoundedUp((input * rates.HighestInputRate) + (Math.Max(0, maxOutputTokens) * rates.HighestOutputRate));
    }

    /// <summary>Dollars to micro-dollars, to the nearest (half away from zero); saturates instead of overflowing.</summary>
    public static long ToMicros(decimal dollars) => Saturate(() => Math.Round(dollars * Money.MicrosPerDollar, MidpointRounding.AwayFromZero));

    /// <summary>Dollars to micro-dollars, rounded up; saturates instead of overflowing.</summary>
    public static long ToMicrosRoundedUp(decimal dollars) => Saturate(() => decimal.Ceiling(dollars * Money.MicrosPerDollar));

    private static long Saturate(Func<decimal> micros)
    {
        try
        {
            var value = micros();
            return value >= long.MaxValue ? long.MaxValue : value <= long.MinValue ? long.MinValue : (long)value;
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }
}
