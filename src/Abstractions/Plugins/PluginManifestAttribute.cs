namespace PluginBot.Abstractions.Plugins;

/// <summary>
/// Declares a plugin's manifest in code, so that dropping a single DLL into <c>plugins/</c> is enough.
/// A <c>plugin.json</c> beside the DLL takes precedence.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class PluginManifestAttribute(string id, string name) : Attribute
{
    /// <summary>Lowercase identifier, <c>[a-z0-9-]+</c>.</summary>
    public string Id { get; } = id;

    /// <summary>Display and configuration name.</summary>
    public string Name { get; } = name;

    /// <summary>The plugin's version; defaults to the assembly's informational version.</summary>
    public string? Version { get; init; }

    /// <summary>The host API (Abstractions) version the plugin targets, <c>major.minor</c>.</summary>
    public string HostApi { get; init; } = HostApiVersion.Current;

    /// <summary>Ids of plugins that must be active for this one to run (see <see cref="PluginManifest.Dependencies"/>).</summary>
    public string[] Dependencies { get; init; } = [];

    /// <summary>Ids of plugins this one uses when they are active (see <see cref="PluginManifest.OptionalDependencies"/>).</summary>
    public string[] OptionalDependencies { get; init; } = [];

    /// <summary>
    /// Flat environment names, each as <c>NAME=Key</c>: <c>"OLLAMA_URL=Url"</c> makes the variable <c>OLLAMA_URL</c>
    /// set <c>Plugins:&lt;Name&gt;:Url</c> (see <see cref="PluginManifest.Environment"/>).
    /// </summary>
    public string[] Environment { get; init; } = [];

    /// <summary>One-line description.</summary>
    public string Description { get; init; } = "";
}
