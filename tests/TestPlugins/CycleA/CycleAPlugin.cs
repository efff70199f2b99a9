using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.CycleA;

/// <summary>Valid code; its plugin.json is what the host must refuse.</summary>
public sealed class CycleAPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton<CycleAMarker>();
}

/// <summary>Registered only if the host wrongly activates the plugin.</summary>
public sealed class CycleAMarker;
