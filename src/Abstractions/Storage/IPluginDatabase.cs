using Microsoft.EntityFrameworkCore;

namespace PluginBot.Abstractions.Storage;

/// <summary>
/// The host's database, configured for each plugin's <see cref="DbContext"/>: every context in a DI scope
/// shares one connection (so a plugin's change and an outbox entry commit together), and each plugin keeps
/// its own migrations history table.
/// </summary>
public interface IPluginDatabase
{
    /// <summary>Points <paramref name="options"/> at the scope's shared connection.</summary>
    void Configure(DbContextOptionsBuilder options, string migrationsHistoryTable);
}

/// <summary>A plugin's context, recorded so the host applies its migrations at start in dependency order.</summary>
/// <param name="ContextType">The context type.</param>
/// <param name="PluginId">The owning plugin.</param>
public sealed record PluginDbContextRegistration(Type ContextType, string PluginId);
