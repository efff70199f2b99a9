namespace PluginBot.Host.Plugins;

/// <summary>
/// Orders plugins so that each comes after its dependencies, required and optional, and marks NotSupported every
/// plugin with a missing or inactive required dependency or on a cycle (optional edges count: they fix the order
/// too) — and, transitively, its dependents. Ties are broken by id, so the order is the same on every start.
/// </summary>
internal static class DependencyOrder
{
    public static List<PluginRecord> Sort(IReadOnlyList<PluginRecord> candidates)
    {
        var byId = candidates.ToDictionary(p => p.Manifest.Id);
        var ordered = new List<PluginRecord>();
        var state = new Dictionary<string, bool>(); // false: on the current path, true: done

        foreach (var plugin in candidates.OrderBy(p => p.Manifest.Id, StringComparer.Ordinal))
        {
            Visit(plugin, []);
        }

        return ordered;

        void Visit(PluginRecord plugin, List<string> path)
        {
            var id = plugin.Manifest.Id;
            if (state.TryGetValue(id, out var done))
            {
                if (!done)
                {
                    var cycle = path.SkipWhile(p => p != id).Append(id).ToList();
                    foreach (var member in cycle.Distinct().Select(m => byId[m]))
                    {
                        member.Fail(PluginStatus.NotSupported, $"dependency cycle {string.Join(" → ", cycle)}: remove one of these dependencies.");
                    }
                }

                return;
            }

            state[id] = false;
            path.Add(id);
            foreach (var dependency in plugin.Manifest.Dependencies.Concat(plugin.Manifest.OptionalDependencies).Order(StringComparer.Ordinal))
            {
                if (byId.TryGetValue(dependency, out var target))
                {
                    Visit(target, path);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = true;
            ordered.Add(plugin);
        }
    }

    /// <summary>The optional dependencies of <paramref name="plugin"/> that are active now (called in order).</summary>
    public static HashSet<string> ActiveOptional(PluginRecord plugin, IReadOnlyList<PluginRecord> all) =>
        [.. plugin.Manifest.OptionalDependencies.Where(id => all.Any(p => p.Manifest.Id == id && p.Status == PluginStatus.Active && p.Assembly is not null))];

    /// <summary>Called in order, when every dependency has its final status.</summary>
    public static void CheckDependencies(PluginRecord plugin, IReadOnlyList<PluginRecord> all)
    {
        var byId = all.Where(p => p.Assembly is not null).GroupBy(p => p.Manifest.Id).ToDictionary(g => g.Key, g => g.First());
        foreach (var dependency in plugin.Manifest.Dependencies)
        {
            if (byId.TryGetValue(dependency, out var target))
            {
                if (target.Status != PluginStatus.Active)
                {
                    plugin.Fail(PluginStatus.NotSupported, $"depends on '{dependency}', which is {target.Status}.");
                    return;
                }

                continue;
            }

            plugin.Fail(PluginStatus.NotSupported, $"depends on '{dependency}', which is not installed: add it to the plugins folder.");
            return;
        }
    }
}
