using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions;
using PluginBot.Host.Identity;
using PluginBot.Host.Plugins;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Hosting;

/// <summary>What must happen before the host serves anything: open the database, migrate, seed the allow-list.</summary>
internal static class KernelStartup
{
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        services.GetRequiredService<SqliteDatabase>().Initialise();
        await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserSeeder>().SeedAsync(cancellationToken);
    }

    public static void LogCatalog(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<PluginCatalog>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot.Plugins");
        // One log line per row: single-line console output would fold a multi-line message into one line.
        foreach (var row in catalog.ToTable().Split(Environment.NewLine))
        {
            logger.LogInformation("Plugins | {Row}", Redaction.Text(row));
        }

        foreach (var plugin in catalog.Plugins)
        {
            if (plugin.Status is PluginStatus.Malfunctioned or PluginStatus.NotSupported or PluginStatus.NotConfigured)
            {
                logger.LogWarning("Plugin {Plugin} is {Status}: {Reason}", plugin.Manifest.Id, plugin.Status, Redaction.Text(plugin.Reason));
            }

            foreach (var warning in plugin.Warnings)
            {
                logger.LogWarning("Plugin {Plugin}: {Warning}", plugin.Manifest.Id, Redaction.Text(warning));
            }
        }
    }
}
