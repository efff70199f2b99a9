using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.CycleB;

/// <summary>Valid code; its plugin.json is what the host must refuse.</summary>
public sealed class CycleBPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton<CycleBMarker>();
}

/// <summary>Registered only if the host wrongly activates the plugin.</summary>
public sealed class CycleBMarker;
