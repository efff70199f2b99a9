using System.Collections.Frozen;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>The prices of one catalog file, keyed by model name (case-insensitive).</summary>
/// <param name="Prices">Model name → price.</param>
/// <param name="Updated">The file's own date (<c>_about.updated</c>), when it gives one.</param>
internal sealed record PriceTable(FrozenDictionary<string, ModelPrice> Prices, string? Updated)
{
    public static PriceTable Empty { get; } = new(FrozenDictionary<string, ModelPrice>.Empty, null);
}

/// <summary>A catalog file read whole, or the reason it was refused.</summary>
internal abstract record PriceFileResult
{
    internal sealed record Loaded(PriceTable Table) : PriceFileResult;

    /// <param name="Error">One sentence naming the file and the line at fault.</param>
    internal sealed record Failed(string Error) : PriceFileResult;
}
