using System.Diagnostics.CodeAnalysis;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>Where a price came from.</summary>
internal enum PriceOrigin
{
    /// <summary>No price: the cost is unknown, never zero.</summary>
    None,

    /// <summary>The built-in <c>prices.json</c>.</summary>
    Default,

    /// <summary>The operator's file (<c>Plugins:Costs:PriceFile</c>).</summary>
    PriceFile,

    /// <summary>A configured price (<c>Plugins:Costs:Prices</c>).</summary>
    Override,

    /// <summary>A local endpoint with no price: it costs nothing.</summary>
    Local,
}

/// <summary>The price found for a model, or none.</summary>
/// <param name="Price">The price; null when the model is unpriced.</param>
/// <param name="MatchedKey">The catalog key or configured model that matched.</param>
/// <param name="Origin">Which layer it came from.</param>
internal sealed record PriceLookup(ModelPrice? Price, string? MatchedKey, PriceOrigin Origin)
{
    public static PriceLookup Unpriced { get; } = new(null, null, PriceOrigin.None);

    public static PriceLookup LocalFree { get; } = new(ModelPrice.Free, null, PriceOrigin.Local);

    [MemberNotNullWhen(true, nameof(Price))]
    public bool IsPriced => Price is not null;

    public bool IsFree => Price?.IsFree == true;
}

/// <summary>A model on an endpoint, as prices are looked up for it.</summary>
/// <param name="Endpoint">The endpoint's name, e.g. <c>gateway</c>.</param>
/// <param name="EndpointKind">Its protocol: <c>openai</c>, <c>anthropic</c>, <c>ollama</c>...</param>
/// <param name="Model">The model id as the endpoint spells it.</param>
/// <param name="IsLocal">True for local endpoints, which cost nothing unless priced.</param>
internal sealed record ModelTarget(string Endpoint, string EndpointKind, string Model, bool IsLocal)
{
    public override string ToString() => $"{Endpoint}:{Model}";
}
