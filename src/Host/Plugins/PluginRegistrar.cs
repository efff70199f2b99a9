using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Mediator;

namespace PluginBot.Host.Plugins;

/// <summary>
/// Decides each discovered plugin's fate in dependency order and registers the services of those that can run.
/// A plugin registers into a scratch collection first, so one that throws leaves nothing half-registered.
/// </summary>
internal sealed class PluginRegistrar(IConfiguration configuration, string dataDirectory, ILoggerFactory loggerFactory)
{
    private int _registered;

    public void RegisterAll(IReadOnlyList<PluginRecord> plugins, IServiceCollection services)
    {
        var candidates = plugins.Where(p => p.Status == PluginStatus.Active).ToDictionary(p => p.Manifest.Id);
        foreach (var plugin in candidates.Values.Where(p => !IsEnabled(p)))
        {
            plugin.Fail(PluginStatus.Disabled, $"disabled by Plugins:{plugin.Manifest.Name}:Enabled=false.");
        }

        foreach (var plugin in DependencyOrder.Sort(candidates.Values.ToList()))
        {
            if (plugin.Status == PluginStatus.Active)
            {
                DependencyOrder.CheckDependencies(plugin, plugins);
            }

            if (plugin.Status == PluginStatus.Active)
            {
                Register(plugin, services, DependencyOrder.ActiveOptional(plugin, plugins));
            }
        }
    }

    private bool IsEnabled(PluginRecord plugin) =>
        !string.Equals(configuration[$"Plugins:{plugin.Manifest.Name}:Enabled"], "false", StringComparison.OrdinalIgnoreCase);

    private void Register(PluginRecord plugin, IServiceCollection services, IReadOnlySet<string> activeOptional)
    {
        var manifest = plugin.Manifest;
        var dataFolder = Path.Combine(dataDirectory, "plugins", manifest.Id);
        var context = new PluginContext(
            manifest,
            configuration.GetSection($"Plugins:{manifest.Name}"),
            dataFolder,
            loggerFactory.CreateLogger($"Plugin.{manifest.Name}"))
        {
            ActiveOptionalDependencies = activeOptional,
        };

        var scratch = new ServiceCollection();
        try
        {
            Directory.CreateDirectory(dataFolder);
            plugin.Instance!.ConfigureServices(scratch, context);
            HandlerScanner.Scan(scratch, plugin.Assembly!);
            if (plugin.Instance is IHealthCheckContributor health)
            {
                health.AddHealthChecks(new PluginHealthChecksBuilder(scratch, manifest.Id));
            }
        }
        catch (PluginNotConfiguredException ex)
        {
            plugin.Fail(PluginStatus.NotConfigured, ex.Message);
            return;
        }
        catch (Exception ex)
        {
            plugin.Fail(PluginStatus.Malfunctioned, $"threw while registering its services: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        PluginHostedService.WrapAll(scratch, plugin);
        plugin.Commands.UnionWith(scratch
            .Where(d => d.ServiceType == typeof(CommandDescriptor) && !d.IsKeyedService)
            .Select(d => d.ImplementationInstance).OfType<CommandDescriptor>().Select(c => c.Name));
        foreach (var descriptor in scratch)
        {
            services.Add(descriptor);
        }

        plugin.RegistrationOrder = _registered++;
    }
}
