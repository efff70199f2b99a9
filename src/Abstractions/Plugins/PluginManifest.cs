namespace PluginBot.Abstractions.Plugins;

/// <summary>
/// Describes a plugin: read from <c>plugin.json</c> beside its DLL or, when absent, from
/// <see cref="PluginManifestAttribute"/> on the entry assembly.
/// </summary>
/// <param name="Id">Lowercase identifier (<c>[a-z0-9-]+</c>) other plugins name as a dependency.</param>
/// <param name="Name">Display and configuration name: settings live under <c>Plugins:&lt;Name&gt;</c>.</param>
/// <param name="Version">The plugin's own version.</param>
/// <param name="HostApi">The Abstractions version it was built for, <c>major.minor</c>.</param>
/// <param name="Dependencies">Ids of plugins that must be active before this one.</param>
/// <param name="EntryAssembly">File name of the entry assembly inside the plugin folder.</param>
/// <param name="Description">One line shown in the plugin catalog.</param>
public sealed record PluginManifest(
    string Id,
    string Name,
    string Version,
    string HostApi,
    IReadOnlyList<string> Dependencies,
    string EntryAssembly,
    string Description);
