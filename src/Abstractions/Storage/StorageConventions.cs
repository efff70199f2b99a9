namespace PluginBot.Abstractions.Storage;

/// <summary>Conventions every plugin's tables follow.</summary>
public static class StorageConventions
{
    /// <summary>The migrations history table of a plugin, e.g. <c>__EFMigrationsHistory_hello</c>.</summary>
    public static string MigrationsHistoryTable(string pluginId) => $"__EFMigrationsHistory_{pluginId.Replace('-', '_')}";

    /// <summary>Money is stored as integer micro-dollars: 1 USD = 1,000,000.</summary>
    public const long MicroDollarsPerDollar = 1_000_000;
}
