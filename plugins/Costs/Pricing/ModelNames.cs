using System.Text.RegularExpressions;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>
/// The names a model may be priced under, most specific first: as called; without leading <c>provider/</c>
/// segments (a gateway's <c>anthropic/claude-sonnet-4-5</c>); with the endpoint kind's provider in front
/// (<c>anthropic/…</c>); then each of those without a snapshot date (<c>-20250929</c>, <c>-2024-08-06</c>,
/// <c>@20240620</c>) or <c>-latest</c>.
/// </summary>
internal static partial class ModelNames
{
    public static IReadOnlyList<string> Candidates(string model, string endpointKind)
    {
        var names = new List<string>();
        var name = model.Trim();
        Add(names, name);
        for (var slash = name.IndexOf('/', StringComparison.Ordinal); slash >= 0; slash = name.IndexOf('/', StringComparison.Ordinal))
        {
            name = name[(slash + 1)..];
            Add(names, name);
        }

        var provider = endpointKind.Trim().ToLowerInvariant();
        if (provider.Length > 0)
        {
            Add(names, $"{provider}/{name}");
        }

        foreach (var candidate in names.ToList())
        {
            Add(names, SnapshotSuffix().Replace(candidate, ""));
        }

        return names;
    }

    private static void Add(List<string> names, string name)
    {
        if (name.Length > 0 && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            names.Add(name);
        }
    }

    [GeneratedRegex(@"(?:[-@]\d{8}|-\d{4}-\d{2}-\d{2}|-latest)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SnapshotSuffix();
}
