using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Plugins;

namespace PluginBot.Benchmarks;

/// <summary>
/// The benchmark plugin's message types, as loaded into the plugin's own load context (the benchmark cannot
/// name them at compile time: its own copy of the assembly would be a different type).
/// </summary>
internal sealed record PluginTypes(Type Query, Type Event, Type Lookup)
{
    public static PluginTypes Load(IServiceProvider services, string pluginId)
    {
        var plugin = services.GetRequiredService<PluginCatalog>().Plugins.Single(p => p.Manifest.Id == pluginId);
        if (plugin.Status != PluginStatus.Active)
        {
            throw new InvalidOperationException($"Plugin {pluginId} is {plugin.Status}: {plugin.Reason}");
        }

        var assembly = plugin.Assembly!;
        return new PluginTypes(
            assembly.GetType("PluginBot.Benchmarks.Plugin.Ping+Query", throwOnError: true)!,
            assembly.GetType("PluginBot.Benchmarks.Plugin.Pinged", throwOnError: true)!,
            assembly.GetType("PluginBot.Benchmarks.Plugin.Lookup+Query", throwOnError: true)!);
    }
}
