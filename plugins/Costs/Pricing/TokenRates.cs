namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>
/// USD per token. A missing cache or reasoning rate falls back the way providers bill it: cache reads and writes
/// at the input rate, reasoning at the output rate.
/// </summary>
internal sealed record TokenRates(decimal Input, decimal Output, decimal? CacheRead = null, decimal? CacheWrite = null, decimal? Reasoning = null)
{
    public decimal CacheReadRate => CacheRead ?? Input;

    public decimal CacheWriteRate => CacheWrite ?? Input;

    public decimal ReasoningRate => Reasoning ?? Output;

    /// <summary>The dearest rate any prompt token can cost (a reservation assumes it).</summary>
    public decimal HighestInputRate => Math.Max(Input, Math.Max(CacheReadRate, CacheWriteRate));

    /// <summary>The dearest rate any completion token can cost.</summary>
    public decimal HighestOutputRate => Math.Max(Output, ReasoningRate);

    public bool IsFree => HighestInputRate == 0 && HighestOutputRate == 0;
}

/// <summary>
/// Rates that replace the base ones for a whole call whose prompt exceeds <paramref name="AboveInputTokens"/>
/// (LiteLLM's <c>_above_200k_tokens</c> keys); a rate the tier leaves out stays the base one, as in LiteLLM.
/// </summary>
internal sealed record PriceTier(long AboveInputTokens, decimal? Input, decimal? Output, decimal? CacheRead, decimal? CacheWrite, decimal? Reasoning);
