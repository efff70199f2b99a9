using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

[assembly: PluginManifest("bench", "Bench", Description = "Trivial request and event handlers for the kernel benchmarks.")]

namespace PluginBot.Benchmarks.Plugin;

/// <summary>Registers nothing by hand: the host scans this assembly for its handlers.</summary>
public sealed class BenchPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }
}
