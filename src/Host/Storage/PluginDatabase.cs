using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using PluginBot.Abstractions.Storage;
using PluginBot.Host.Events;

namespace PluginBot.Host.Storage;

/// <summary>Configures every context (the kernel's and each plugin's) on the scope's shared SQLite connection.</summary>
internal sealed class PluginDatabase(ScopedConnection connection, OutboxSignal outboxSignal) : IPluginDatabase
{
    public void Configure(DbContextOptionsBuilder options, string migrationsHistoryTable)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connection.Connection, sqlite => sqlite.MigrationsHistoryTable(migrationsHistoryTable));
        options.ReplaceService<IModelCacheKeyFactory, TypeIdentityModelCacheKeyFactory>();
        options.AddInterceptors(outboxSignal);
    }
}

/// <summary>
/// Keys EF's model cache on the context type object itself, so two load contexts holding a plugin type of the
/// same name (two hosts in one process) never share a model.
/// </summary>
internal sealed class TypeIdentityModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) => (context.GetType(), designTime);
}
