using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.DependsOnFailsAtStart;

/// <summary>Active at registration; NotSupported once its dependency fails at start, before its own service starts.</summary>
public sealed class DependsOnFailsAtStartPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var startedFile = Path.Combine(context.DataDirectory, "started");
        services.AddHostedService(_ => new StartedMarker(startedFile));
    }
}

/// <summary>Writes a file when started, so a test can tell it never ran.</summary>
public sealed class StartedMarker(string file) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => File.WriteAllTextAsync(file, "started", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
