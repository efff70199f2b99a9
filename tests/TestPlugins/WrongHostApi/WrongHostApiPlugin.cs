using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.WrongHostApi;

/// <summary>Valid code; its plugin.json is what the host must refuse.</summary>
public sealed class WrongHostApiPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddSingleton<WrongHostApiMarker>();
}

/// <summary>Registered only if the host wrongly activates the plugin.</summary>
public sealed class WrongHostApiMarker;
