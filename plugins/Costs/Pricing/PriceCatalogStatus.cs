namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>What the catalog holds, for a health check or an admin message.</summary>
/// <param name="DefaultModels">Entries of the built-in file.</param>
/// <param name="DefaultsUpdated">The built-in file's date.</param>
/// <param name="PriceFile">The operator's file, as a full path, when one is configured.</param>
/// <param name="PriceFileModels">Entries of the operator's file in use (the last good load).</param>
/// <param name="PriceFileLoadedAt">When it last loaded.</param>
/// <param name="ConfiguredPrices">Valid entries of <c>Prices</c>.</param>
/// <param name="Problems">What is wrong now.</param>
internal sealed record PriceCatalogStatus(
    int DefaultModels,
    string? DefaultsUpdated,
    string? PriceFile,
    int PriceFileModels,
    DateTimeOffset? PriceFileLoadedAt,
    int ConfiguredPrices,
    IReadOnlyList<string> Problems);
