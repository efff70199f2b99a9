using System.Collections.Concurrent;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Host.Configuration;

/// <summary>
/// Every flat environment name this host knows: the kernel's (<see cref="FlatNames"/>) and, once discovery has read
/// the manifests, each plugin's (<see cref="PluginManifest.Environment"/>, under <c>Plugins:&lt;Name&gt;:</c>). The
/// configuration sources read it at every load, so a reload after discovery applies the plugins' names before any
/// plugin registers its services.
/// </summary>
internal sealed class FlatNameTable
{
    private readonly ConcurrentDictionary<string, string> _toKey = new(FlatNames.ToKey, StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, string> ToKey => _toKey;

    /// <summary>
    /// Adds a plugin's names. A name the kernel or an earlier plugin already has stays theirs: the returned warnings
    /// say which were ignored.
    /// </summary>
    public IReadOnlyList<string> Add(PluginManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var warnings = new List<string>();
        foreach (var (name, key) in manifest.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var fullKey = $"Plugins:{manifest.Name}:{key}";
            if (_toKey.TryAdd(name, fullKey))
            {
                _owners[name] = manifest.Id;
                continue;
            }

            var owner = _owners.TryGetValue(name, out var id) ? $"plugin '{id}'" : "the kernel";
            warnings.Add($"its environment name {name} is ignored: {owner} already uses it for {_toKey[name]}; set {fullKey} instead");
        }

        return warnings;
    }

    /// <summary>How to name a key to a user: <c>OLLAMA_URL (Plugins:Ollama:Url)</c> when it has a flat name.</summary>
    public string Describe(string key)
    {
        var flat = _toKey.FirstOrDefault(p => string.Equals(p.Value, key, StringComparison.OrdinalIgnoreCase)).Key;
        return flat is null ? key : $"{flat} ({key})";
    }
}
