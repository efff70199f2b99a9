using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Estimates;

/// <summary>
/// A range for what calls of a model with a prompt would cost. Both ends pay for the prompt at the input rate (at the
/// tier its size reaches); the low end adds a short answer — <see cref="ShortAnswerTokens"/> tokens, or the most
/// allowed if fewer — at the output rate, the high end the longest answer allowed at the dearer of the output and
/// reasoning rates. Each end is multiplied by the number of calls; low rounds to the nearest micro-dollar, high up (an
/// upper bound must not fall short).
/// </summary>
internal sealed class CostEstimator(PriceCatalog catalog)
{
    public const long ShortAnswerTokens = 256;

    public CostEstimate Estimate(ModelTarget target, string prompt, long maxOutputTokens, int calls = 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Estimate(target, TokenCounter.Count(target.Model, prompt), maxOutputTokens, calls);
    }

    /// <summary>The same, for a prompt already counted.</summary>
    public CostEstimate Estimate(ModelTarget target, TokenCount input, long maxOutputTokens, int calls = 1)
    {
        ArgumentNullException.ThrowIfNull(target);
        var model = target.ToString();
        var lookup = catalog.Find(target);
        if (!lookup.IsPriced)
        {
            return new CostEstimate(model, input.Tokens, input.Approximate, Usd.Zero, Usd.Zero, Unpriced: true);
        }

        var rates = lookup.Price.RatesFor(input.Tokens);
        var prompt = Math.Max(0, input.Tokens) * rates.Input;
        var longest = Math.Max(0, maxOutputTokens);
        var shortest = Math.Min(longest, ShortAnswerTokens);
        var times = Math.Max(1, calls);
        var low = (prompt + (shortest * rates.Output)) * times;
        var high = (prompt + (longest * rates.HighestOutputRate)) * times;
        return new CostEstimate(model, input.Tokens, input.Approximate, Usd.FromDollars(low), Usd.FromDollarsRoundedUp(high), Unpriced: false);
    }
}
