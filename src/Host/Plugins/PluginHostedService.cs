using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PluginBot.Host.Plugins;

/// <summary>
/// Wraps each hosted service a plugin registers, so that a plugin's failure stops the plugin and not the host. The
/// service is created only at start, and not at all when its plugin stopped before (its migrations or endpoints
/// failed, or a dependency stopped). A service that throws while being created or started, or whose background work
/// faults, makes its plugin Malfunctioned (see <see cref="PluginCatalog.MarkMalfunctioned"/>); the host is never told,
/// so its default of stopping on a faulted background service does not apply to plugins.
/// </summary>
internal sealed class PluginHostedService(
    Func<IServiceProvider, object> create,
    Type serviceType,
    PluginRecord plugin,
    IServiceProvider services) : IHostedService
{
    private IHostedService? _started;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var catalog = services.GetRequiredService<PluginCatalog>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot.Plugins");
        if (plugin.Status != PluginStatus.Active)
        {
            logger.LogInformation("Not starting {Service} of plugin {Plugin}: it is {Status}", serviceType.Name, plugin.Manifest.Id, plugin.Status);
            return;
        }

        IHostedService? service = null;
        try
        {
            service = (IHostedService)create(services);
            await service.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Stop(catalog, logger, ex, $"its hosted service {NameOf(service)} failed to start: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        _started = service;
        if (service is BackgroundService { ExecuteTask: { } work })
        {
            _ = work.ContinueWith(
                task =>
                {
                    var error = task.Exception!.GetBaseException();
                    Stop(catalog, logger, error, $"its hosted service {NameOf(service)} failed: {error.GetType().Name}: {error.Message}");
                },
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private string NameOf(IHostedService? service) => service?.GetType().Name ?? serviceType.Name;

    public Task StopAsync(CancellationToken cancellationToken) => _started?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    private void Stop(PluginCatalog catalog, ILogger logger, Exception error, string reason)
    {
        foreach (var stopped in catalog.MarkMalfunctioned(plugin, reason))
        {
            logger.LogError(stopped == plugin ? error : null, "Plugin {Plugin} stopped, the host goes on: {Status}: {Reason}", stopped.Manifest.Id, stopped.Status, stopped.Reason);
        }
    }

    /// <summary>Replaces every hosted service in a plugin's registrations by a wrapper around it.</summary>
    public static void WrapAll(IServiceCollection registrations, PluginRecord plugin)
    {
        for (var i = 0; i < registrations.Count; i++)
        {
            var descriptor = registrations[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService)
            {
                continue;
            }

            Func<IServiceProvider, object> create = descriptor switch
            {
                { ImplementationInstance: { } instance } => _ => instance,
                { ImplementationFactory: { } factory } => factory,
                _ => sp => ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!),
            };
            var type = descriptor.ImplementationType ?? descriptor.ImplementationInstance?.GetType() ?? typeof(IHostedService);
            registrations[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new PluginHostedService(create, type, plugin, sp));
        }
    }
}
