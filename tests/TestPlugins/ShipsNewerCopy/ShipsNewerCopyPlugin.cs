using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.ShipsNewerCopy;

/// <summary>Valid code; the newer PluginBot.Abstractions.dll in its folder is what the host must refuse.</summary>
public sealed class ShipsNewerCopyPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton<ShipsNewerCopyMarker>();
}

/// <summary>Registered only if the host wrongly activates the plugin.</summary>
public sealed class ShipsNewerCopyMarker;
