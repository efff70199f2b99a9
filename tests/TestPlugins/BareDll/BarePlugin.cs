using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

[assembly: PluginManifest("bare", "Bare",
    Version = "0.3.0",
    OptionalDependencies = ["good"],
    Environment = ["BARE_COLOUR=Colour"],
    Description = "A single DLL with its manifest in an attribute.")]

namespace PluginBot.TestPlugins.BareDll;

/// <summary>A plugin shipped as one DLL, with no plugin.json and no folder.</summary>
public sealed class BarePlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton<BareMarker>();
}

/// <summary>Registered when the plugin is active.</summary>
public sealed class BareMarker;
