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
    /// <summary>
    /// For a process that must be alone on its data folder (the bot, <c>pluginbot migrate</c>): takes the data folder
    /// lock for the life of the host, or stops when another process holds it; then migrates and seeds the users.
    /// </summary>
    /// <param name="botStart">
    /// True when the bot itself starts: only then is <c>ADMIN_USERS</c> the whole truth about admins (those no longer
    /// listed are demoted). Tool verbs pass false, so one run with another configuration demotes nobody.
    /// </param>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, CancellationToken cancellationToken, bool botStart = true)
    {
        var folder = services.GetRequiredService<DataFolderLock>();
        if (!folder.TryAcquire())
        {
            throw new DatabaseUnavailableException(folder.HeldElsewhereMessage);
        }

        await MigrateAndSeedAsync(services, botStart, cancellationToken);
    }

    /// <summary>
    /// For a CLI verb that may run beside the bot (<c>ask</c>, <c>token</c>): alone, it prepares the database as the bot
    /// does. Beside a running bot it must neither migrate nor clear a migration lock (the bot may be migrating), so it
    /// goes on only when the schema is current, and otherwise stops saying what to do.
    /// </summary>
    public static async Task PrepareDatabaseBesideBotAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<DataFolderLock>().TryAcquire())
        {
            await MigrateAndSeedAsync(services, botStart: false, cancellationToken);
            return;
        }

        var pending = await services.GetRequiredService<MigrationRunner>().PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new DatabaseUnavailableException(
                $"the bot is running and the database needs migrating ({string.Join(", ", pending)}): stop it or run `pluginbot migrate` while it is stopped.");
        }
    }

    private static async Task MigrateAndSeedAsync(IServiceProvider services, bool botStart, CancellationToken cancellationToken)
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
