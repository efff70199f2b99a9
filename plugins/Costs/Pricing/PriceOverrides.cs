using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>Prices set in configuration, keyed by <c>endpoint:model</c> or a bare model id, with what was wrong.</summary>
internal sealed record PriceOverrides(FrozenDictionary<string, ModelPrice> Prices, IReadOnlyList<string> Problems)
{
    public static PriceOverrides None { get; } = new(FrozenDictionary<string, ModelPrice>.Empty, []);
}

/// <summary>
/// Reads <c>Prices</c>, an array because model references contain colons:
/// <c>Prices:0:Model = gateway:anthropic/claude-sonnet-4-5</c> (or a bare model id for every endpoint) with
/// <c>InputPerMillion</c> and <c>OutputPerMillion</c>, optionally <c>CacheReadPerMillion</c>,
/// <c>CacheWritePerMillion</c> and <c>ReasoningPerMillion</c>, in USD per million tokens. An invalid entry is left
/// out and named in the problems; the others apply.
/// </summary>
internal static class PriceOverridesReader
{
    private const decimal TokensPerMillion = 1_000_000m;

    public static PriceOverrides Read(IConfiguration section, string sectionPath)
    {
        var prices = new Dictionary<string, ModelPrice>(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var entry in section.GetSection("Prices").GetChildren())
        {
            var prefix = $"{sectionPath}:Prices:{entry.Key}";
            var before = problems.Count;
            var model = entry["Model"]?.Trim();
            if (string.IsNullOrEmpty(model))
            {
                problems.Add($"{prefix}:Model: name the model, as endpoint:model (gateway:anthropic/claude-sonnet-4-5) or a model id for every endpoint (claude-sonnet-4-5)");
            }

            var input = ReadRate(entry, "InputPerMillion", prefix, required: true, problems);
            var output = ReadRate(entry, "OutputPerMillion", prefix, required: true, problems);
            var cacheRead = ReadRate(entry, "CacheReadPerMillion", prefix, required: false, problems);
            var cacheWrite = ReadRate(entry, "CacheWritePerMillion", prefix, required: false, problems);
            var reasoning = ReadRate(entry, "ReasoningPerMillion", prefix, required: false, problems);
            if (problems.Count == before)
            {
                prices[model!] = new ModelPrice(new TokenRates(input!.Value, output!.Value, cacheRead, cacheWrite, reasoning));
            }
        }

        return new PriceOverrides(prices.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), problems);
    }

    private static decimal? ReadRate(IConfigurationSection entry, string key, string prefix, bool required, List<string> problems)
    {
        var text = entry[key]?.Trim().TrimStart('$');
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                problems.Add($"{prefix}:{key}: set the price in USD per million tokens, e.g. 3 or 0.15");
            }

            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var perMillion))
        {
            problems.Add($"{prefix}:{key}: '{text}' is not a number of USD per million tokens, e.g. 3 or 0.15");
            return null;
        }

        if (perMillion < 0)
        {
            problems.Add($"{prefix}:{key}: a price must not be negative");
            return null;
        }

        return perMillion / TokensPerMillion;
    }
}
