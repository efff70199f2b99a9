using PluginBot.Abstractions.Plugins;

namespace PluginBot.Host.Plugins;

/// <summary>Where each plugin ended up after loading. Only <see cref="Active"/> plugins run.</summary>
public enum PluginStatus
{
    Active,
    Disabled,
    NotConfigured,
    NotSupported,
    Malfunctioned,
}

/// <summary>One row of the plugin catalog.</summary>
public sealed class PluginRecord(PluginManifest manifest, string location)
{
    public PluginManifest Manifest { get; internal set; } = manifest;

    /// <summary>The plugin folder, or the DLL for a single-file plugin.</summary>
    public string Location { get; } = location;

    public PluginStatus Status { get; internal set; } = PluginStatus.Active;

    /// <summary>Why the plugin is not active (null when it is).</summary>
    public string? Reason { get; internal set; }

    public List<string> Warnings { get; } = [];

    /// <summary>Position in dependency order among registered plugins (migrations run in this order).</summary>
    internal int RegistrationOrder { get; set; } = int.MaxValue;

    internal string? EntryAssemblyPath { get; set; }

    internal System.Reflection.Assembly? Assembly { get; set; }

    internal IPlugin? Instance { get; set; }

    /// <summary>The names of the commands the plugin registered, so the dispatcher can refuse them while it is not running.</summary>
    internal HashSet<string> Commands { get; } = new(StringComparer.Ordinal);

    /// <summary>What a person is told when they reach a plugin that is not running.</summary>
    internal string NotRunningMessage => $"The {Manifest.Name} plugin is not running: {Reason}";

    internal void Fail(PluginStatus status, string reason)
    {
        Status = status;
        Reason = reason;
    }
}
