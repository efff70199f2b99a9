using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Host.Identity;
using PluginBot.Host.Plugins;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Hosting;

/// <summary>What must happen before the host serves anything: open the database, migrate, seed the allow-list.</summary>
internal static class KernelStartup
{
    /// <param name="botStart">
    /// True when the bot itself starts: only then is <c>ADMIN_USERS</c> the whole truth about admins (those no longer
    /// listed are demoted). Tool verbs pass false, so one run beside the bot with another configuration demotes nobody.
    /// </param>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken, bool botStart = true)
    {
        services.GetRequiredService<SqliteDatabase>().Initialise();
        await services.GetRequiredService<MigrationRunner>().MigrateAsync(cancellationToken);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserSeeder>().SeedAsync(demoteUnlisted: botStart, cancellationToken);
    }

    public static void LogCatalog(IServiceProvider services)
    {
        var catalog = services.GetRequiredService<PluginCatalog>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot.Plugins");
        // One log line per row: single-line console output would fold a multi-line message into one line.
        foreach (var row in catalog.ToTable().Split(Environment.NewLine))
        {
            logger.LogInformation("Plugins | {Row}", row);
        }

        foreach (var plugin in catalog.Plugins)
        {
            if (plugin.Status is PluginStatus.Malfunctioned or PluginStatus.NotSupported or PluginStatus.NotConfigured)
            {
                logger.LogWarning("Plugin {Plugin} is {Status}: {Reason}", plugin.Manifest.Id, plugin.Status, plugin.Reason);
            }

            foreach (var warning in plugin.Warnings)
            {
                logger.LogWarning("Plugin {Plugin}: {Warning}", plugin.Manifest.Id, warning);
            }
        }
    }
}
