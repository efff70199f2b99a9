using System.Text;

namespace PluginBot.Host.Plugins;

/// <summary>Every plugin found at start with its status and reason; served by <c>/api/plugins</c> and <c>pluginbot plugins</c>.</summary>
public sealed class PluginCatalog(IReadOnlyList<PluginRecord> plugins)
{
    public IReadOnlyList<PluginRecord> Plugins { get; } = plugins;

    public IEnumerable<PluginRecord> Active => Plugins.Where(p => p.Status == PluginStatus.Active);

    /// <summary>The plugin with this id; the active one when a duplicate id was rejected.</summary>
    public PluginRecord? Find(string id) =>
        Plugins.Where(p => p.Manifest.Id == id).OrderBy(p => p.Status == PluginStatus.Active ? 0 : 1).FirstOrDefault();

    /// <summary>The catalog as one plain-text table.</summary>
    public string ToTable()
    {
        if (Plugins.Count == 0)
        {
            return "No plugins found.";
        }

        var rows = Plugins
            .Select(p => new[] { p.Manifest.Id, p.Manifest.Version, p.Status.ToString(), Detail(p) })
            .Prepend(["ID", "VERSION", "STATUS", "DETAIL"])
            .ToList();
        var widths = Enumerable.Range(0, 3).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(row[0].PadRight(widths[0] + 2))
                .Append(row[1].PadRight(widths[1] + 2))
                .Append(row[2].PadRight(widths[2] + 2))
                .AppendLine(row[3]);
        }

        return text.ToString().TrimEnd();
    }

    private static string Detail(PluginRecord plugin)
    {
        var detail = plugin.Reason ?? plugin.Manifest.Description;
        return plugin.Warnings.Count == 0 ? detail : $"{detail} (warning: {string.Join("; ", plugin.Warnings)})";
    }
}
