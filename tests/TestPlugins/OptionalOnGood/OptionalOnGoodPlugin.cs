using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.OptionalOnGood;

/// <summary>Records what its context said while it registered: which optional dependencies are active, and its greeting.</summary>
public sealed class OptionalOnGoodPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddSingleton(new SeenAtRegistration(context.IsActive("good"), context.IsActive("not-installed"), context.Configuration["Greeting"]));
    }
}

/// <summary>What <see cref="OptionalOnGoodPlugin"/> saw; its ToString is what tests compare.</summary>
public sealed record SeenAtRegistration(bool Good, bool NotInstalled, string? Greeting);
