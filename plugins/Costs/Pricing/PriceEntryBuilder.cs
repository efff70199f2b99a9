namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>Collects one catalog entry's fields as they are read, base and tier rates in any order.</summary>
internal sealed class PriceEntryBuilder
{
    private const int Input = 0, Output = 1, CacheRead = 2, CacheWrite = 3, Reasoning = 4;

    private readonly decimal?[] _base = new decimal?[5];
    private readonly SortedDictionary<long, decimal?[]> _tiers = [];

    public long? MaxInputTokens { get; set; }

    public long? MaxOutputTokens { get; set; }

    public string? Provider { get; set; }

    /// <param name="field">The LiteLLM name of the rate, without its tier suffix.</param>
    /// <param name="aboveInputTokens">The tier's threshold; null for the base rate.</param>
    /// <param name="value">USD per token; null leaves the rate unset.</param>
    public void Set(string field, long? aboveInputTokens, decimal? value)
    {
        if (value is null)
        {
            return;
        }

        var rates = aboveInputTokens is { } threshold ? TierRates(threshold) : _base;
        rates[IndexOf(field)] = value;
    }

    /// <summary>The price, or null when the entry has no per-token input price (images, audio, per-second...).</summary>
    public ModelPrice? Build()
    {
        if (_base[Input] is not { } input)
        {
            return null;
        }

        // Embeddings and the like give no output price: their output costs nothing.
        var rates = new TokenRates(input, _base[Output] ?? 0, _base[CacheRead], _base[CacheWrite], _base[Reasoning]);
        var tiers = _tiers
            .Select(t => new PriceTier(t.Key, t.Value[Input], t.Value[Output], t.Value[CacheRead], t.Value[CacheWrite], t.Value[Reasoning]))
            .ToList();
        return new ModelPrice(rates)
        {
            Tiers = tiers,
            MaxInputTokens = MaxInputTokens,
            MaxOutputTokens = MaxOutputTokens,
            Provider = Provider,
        };
    }

    private decimal?[] TierRates(long threshold)
    {
        if (!_tiers.TryGetValue(threshold, out var rates))
        {
            rates = new decimal?[5];
            _tiers[threshold] = rates;
        }

        return rates;
    }

    private static int IndexOf(string field) => field switch
    {
        "input_cost_per_token" => Input,
        "output_cost_per_token" => Output,
        "cache_read_input_token_cost" => CacheRead,
        "cache_creation_input_token_cost" => CacheWrite,
        "output_cost_per_reasoning_token" => Reasoning,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a per-token rate"),
    };
}
