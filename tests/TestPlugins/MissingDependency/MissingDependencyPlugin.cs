using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.MissingDependency;

/// <summary>Valid code; its plugin.json is what the host must refuse.</summary>
public sealed class MissingDependencyPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton<MissingDependencyMarker>();
}

/// <summary>Registered only if the host wrongly activates the plugin.</summary>
public sealed class MissingDependencyMarker;
