using Microsoft.Extensions.DependencyInjection;

namespace PluginBot.Abstractions.Plugins;

/// <summary>
/// The entry point of a plugin. It only registers services; runtime work belongs in hosted services.
/// Exactly one public non-abstract implementation per plugin assembly, with a parameterless constructor.
/// </summary>
public interface IPlugin
{
    /// <summary>Registers the plugin's services, options, handlers and storage.</summary>
    /// <exception cref="PluginNotConfiguredException">The plugin's own settings are missing or invalid.</exception>
    void ConfigureServices(IServiceCollection services, PluginContext context);
}
