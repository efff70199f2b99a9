using System.Text;

namespace PluginBot.Host.Plugins;

/// <summary>Every plugin found at start with its status and reason; served by <c>/api/plugins</c> and <c>pluginbot plugins</c>.</summary>
public sealed class PluginCatalog(IReadOnlyList<PluginRecord> plugins)
{
    public IReadOnlyList<PluginRecord> Plugins { get; } = plugins;

    public IEnumerable<PluginRecord> Active => Plugins.Where(p => p.Status == PluginStatus.Active);

    private readonly Lock _failing = new();

    /// <summary>The plugin that registered the command <paramref name="name"/>; null for the kernel's own commands.</summary>
    public PluginRecord? OwnerOfCommand(string name) => Plugins.FirstOrDefault(p => p.Commands.Contains(name));

    /// <summary>The plugin whose assembly defines <paramref name="type"/>; null for the kernel's and the tests' types.</summary>
    public PluginRecord? OwnerOf(Type type) => Plugins.FirstOrDefault(p => p.Assembly is not null && p.Assembly == type.Assembly);

    /// <summary>
    /// A plugin that failed after it was registered (its migrations, its endpoints, its hosted services) stops: it is
    /// Malfunctioned with <paramref name="reason"/>, and every plugin that requires it, directly or through others, is
    /// NotSupported. Returns the plugins that stopped, the failed one first; empty when it was not active any more.
    /// </summary>
    public IReadOnlyList<PluginRecord> MarkMalfunctioned(PluginRecord plugin, string reason)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        lock (_failing)
        {
            if (plugin.Status != PluginStatus.Active)
            {
                return [];
            }

            plugin.Fail(PluginStatus.Malfunctioned, reason);
            var stopped = new List<PluginRecord> { plugin };
            for (var i = 0; i < stopped.Count; i++)
            {
                foreach (var dependent in Active.Where(p => p.Manifest.Dependencies.Contains(stopped[i].Manifest.Id)).ToList())
                {
                    dependent.Fail(PluginStatus.NotSupported, $"depends on '{stopped[i].Manifest.Id}', which is {stopped[i].Status}.");
                    stopped.Add(dependent);
                }
            }

            return stopped;
        }
    }

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
