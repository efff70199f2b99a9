using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.FaultsLater;

/// <summary>A background loop that starts fine and faults on its first turn: by default that stops a .NET host.</summary>
public sealed class FaultsLaterPlugin : IPlugin
{
    public const string Failure = "the feed closed";

    public void ConfigureServices(IServiceCollection services, PluginContext context) => services.AddHostedService<FaultingLoop>();
}

public sealed class FaultingLoop : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Past the first await, StartAsync has returned: the fault comes after the host considers the service started.
        await Task.Yield();
        throw new InvalidOperationException(FaultsLaterPlugin.Failure);
    }
}
