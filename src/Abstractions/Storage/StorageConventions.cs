namespace PluginBot.Abstractions.Storage;

/// <summary>
/// Conventions every plugin's tables follow. Money is stored as integer micro-dollars, the
/// <see cref="Costs.Usd.Micros"/> of a <see cref="Costs.Usd"/>.
/// </summary>
public static class StorageConventions
{
    /// <summary>The migrations history table of a plugin, e.g. <c>__EFMigrationsHistory_hello</c>.</summary>
    public static string MigrationsHistoryTable(string pluginId) => $"__EFMigrationsHistory_{pluginId.Replace('-', '_')}";
}
