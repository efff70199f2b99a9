using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Storage;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Storage;

/// <summary>
/// Applies the kernel's migrations, then each active plugin's in dependency order. A plugin whose migrations
/// fail is marked Malfunctioned, and the plugins that require it NotSupported; the kernel's failing is fatal. Only the holder of the <see cref="DataFolderLock"/>
/// migrates; a process beside it asks <see cref="PendingAsync"/> instead.
/// </summary>
internal sealed class MigrationRunner(
    IServiceScopeFactory scopes,
    IEnumerable<PluginDbContextRegistration> registrations,
    PluginCatalog catalog,
    ILogger<MigrationRunner> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            await MigrateAsync(scope.ServiceProvider.GetRequiredService<KernelDbContext>(), cancellationToken);
        }

        foreach (var registration in registrations.OrderBy(r => catalog.Find(r.PluginId)?.RegistrationOrder ?? int.MaxValue))
        {
            var plugin = catalog.Find(registration.PluginId);
            if (plugin is { Status: not PluginStatus.Active })
            {
                continue;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
                await MigrateAsync(context, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Migrations of plugin {Plugin} ({Context}) failed; the plugin stops, the host goes on", registration.PluginId, registration.ContextType.Name);
                foreach (var dependent in plugin is null ? [] : catalog.MarkMalfunctioned(plugin, $"its database migrations failed: {ex.Message}").Skip(1))
                {
                    logger.LogWarning("Plugin {Plugin} stopped too: {Reason}", dependent.Manifest.Id, dependent.Reason);
                }
            }
        }
    }

    /// <summary>The migrations not yet applied, as <c>context: migration</c>, kernel first; empty when the schema is current.</summary>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        var pending = new List<string>();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var kernel = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            pending.AddRange((await kernel.Database.GetPendingMigrationsAsync(cancellationToken)).Select(m => $"kernel: {m}"));
        }

        foreach (var registration in registrations.Where(r => catalog.Find(r.PluginId) is null or { Status: PluginStatus.Active }))
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(registration.ContextType);
            pending.AddRange((await context.Database.GetPendingMigrationsAsync(cancellationToken)).Select(m => $"{registration.PluginId}: {m}"));
        }

        return pending;
    }

    /// <summary>
    /// Migrates only when something is pending. EF Core guards a SQLite migration with a row in
    /// <c>__EFMigrationsLock</c>; a process killed mid-migration leaves it, and every later start would wait for it
    /// forever. This host holds the data folder lock, so it is the only process migrating: a lock found now is stale and is removed.
    /// </summary>
    private async Task MigrateAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!(await context.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        var stale = await context.Database.SqlQueryRaw<int>(
            "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").SingleAsync(cancellationToken) > 0
            && await context.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", cancellationToken) > 0;
        if (stale)
        {
            logger.LogWarning("Removed a migration lock left by a process that stopped while migrating");
        }

        await context.Database.MigrateAsync(cancellationToken);
    }
}

/// <summary>An online copy of the database file (SQLite's backup API), taken before migrating.</summary>
internal static class DatabaseBackup
{
    public static string? Create(SqliteDatabase database, string dataDirectory, TimeProvider time)
    {
        if (!File.Exists(database.FilePath))
        {
            return null;
        }

        var folder = Path.Combine(dataDirectory, "backups");
        Directory.CreateDirectory(folder);
        var target = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(database.FilePath)}-{time.GetUtcNow():yyyyMMdd-HHmmss}.db");
        using var source = database.Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
        return target;
    }
}
