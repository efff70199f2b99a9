namespace PluginBot.Abstractions.Plugins;

/// <summary>
/// Describes a plugin: read from <c>plugin.json</c> beside its DLL or, when absent, from
/// <see cref="PluginManifestAttribute"/> on the entry assembly.
/// </summary>
/// <param name="Id">Lowercase identifier (<c>[a-z0-9-]+</c>) other plugins name as a dependency.</param>
/// <param name="Name">Display and configuration name: settings live under <c>Plugins:&lt;Name&gt;</c>.</param>
/// <param name="Version">The plugin's own version.</param>
/// <param name="HostApi">The Abstractions version it was built for, <c>major.minor</c>.</param>
/// <param name="Dependencies">
/// Ids of plugins that must be active before this one: it loads after them, and is NotSupported when one is
/// missing or not active.
/// </param>
/// <param name="EntryAssembly">File name of the entry assembly inside the plugin folder.</param>
/// <param name="Description">One line shown in the plugin catalog.</param>
public sealed record PluginManifest(
    string Id,
    string Name,
    string Version,
    string HostApi,
    IReadOnlyList<string> Dependencies,
    string EntryAssembly,
    string Description)
{
    /// <summary>
    /// Ids of plugins this one uses when they are there: it loads after those that are installed, and runs whether
    /// they are active or not. <see cref="PluginContext.IsActive"/> tells which are. Since host API 2.0.
    /// </summary>
    public IReadOnlyList<string> OptionalDependencies { get; init; } = [];

    /// <summary>
    /// The flat environment names the plugin reads, each mapped to a key of its section: <c>TELEGRAM_BOT_TOKEN</c>
    /// → <c>BotToken</c> means the variable sets <c>Plugins:Telegram:BotToken</c>. Since host API 2.0.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
