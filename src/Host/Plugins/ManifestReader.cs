using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Host.Plugins;

/// <summary>Reads a plugin's manifest from <c>plugin.json</c> or from the entry assembly's attribute, and checks it.</summary>
internal static partial class ManifestReader
{
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses <c>plugin.json</c>; the error names the line at fault.</summary>
    public static (ManifestFile? Manifest, string? Error) ReadFile(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<ManifestFile>(File.ReadAllText(path), JsonOptions);
            return file is null ? (null, $"{path} is empty: write a JSON object with id, name, version and hostApi.") : (file, null);
        }
        catch (JsonException ex)
        {
            return (null, $"{path} is not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {FirstSentence(ex.Message)}. Fix the file or delete it to use the assembly's [PluginManifest].");
        }
    }

    public static PluginManifest? FromAttribute(Assembly assembly)
    {
        var attribute = assembly.GetCustomAttribute<PluginManifestAttribute>();
        if (attribute is null)
        {
            return null;
        }

        var version = attribute.Version
            ?? assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        return new PluginManifest(attribute.Id, attribute.Name, version, attribute.HostApi, attribute.Dependencies, Path.GetFileName(assembly.Location), attribute.Description)
        {
            OptionalDependencies = attribute.OptionalDependencies,
            Environment = EnvironmentFromAttribute(attribute.Environment),
        };
    }

    /// <summary>
    /// <c>NAME=Key</c> entries as a table; an entry without <c>=</c> is kept with an empty key, which
    /// <see cref="Validate"/> then names.
    /// </summary>
    private static Dictionary<string, string> EnvironmentFromAttribute(IEnumerable<string> entries)
    {
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            table[equals < 0 ? entry.Trim() : entry[..equals].Trim()] = equals < 0 ? "" : entry[(equals + 1)..].Trim();
        }

        return table;
    }

    /// <summary>Every problem with a manifest's fields, as one sentence, or null when it is valid.</summary>
    public static string? Validate(PluginManifest manifest)
    {
        var problems = new List<string>();
        if (!IdPattern().IsMatch(manifest.Id))
        {
            problems.Add($"id '{manifest.Id}' must match [a-z0-9-]+ (e.g. 'my-plugin')");
        }

        if (!NamePattern().IsMatch(manifest.Name))
        {
            problems.Add($"name '{manifest.Name}' must be letters and digits starting with a letter (it is the configuration section Plugins:<Name>)");
        }

        if (!TryParseApi(manifest.HostApi, out _, out _))
        {
            problems.Add($"hostApi '{manifest.HostApi}' must be major.minor, e.g. '{HostApiVersion.Current}'");
        }

        foreach (var (name, key) in manifest.Environment)
        {
            if (!FlatNamePattern().IsMatch(name))
            {
                problems.Add($"environment name '{name}' must be upper-case letters, digits and _ starting with a letter (e.g. 'WEATHER_API_KEY')");
            }

            if (!KeyPattern().IsMatch(key ?? ""))
            {
                problems.Add($"environment name '{name}' must map to a key of the plugin's section such as 'ApiKey' or 'Limits:Daily', not '{key}'");
            }
        }

        foreach (var id in manifest.Dependencies.Concat(manifest.OptionalDependencies))
        {
            if (!IdPattern().IsMatch(id))
            {
                problems.Add($"dependency '{id}' must be a plugin id ([a-z0-9-]+)");
            }
        }

        if (manifest.Dependencies.Intersect(manifest.OptionalDependencies, StringComparer.Ordinal).FirstOrDefault() is { } both)
        {
            problems.Add($"'{both}' is listed in both dependencies and optionalDependencies: keep it in one");
        }

        return problems.Count == 0 ? null : "Invalid manifest: " + string.Join("; ", problems) + ".";
    }

    /// <summary>Same major as the host and a minor no greater than the host's.</summary>
    public static string? CheckHostApi(string pluginApi)
    {
        _ = TryParseApi(HostApiVersion.Current, out var hostMajor, out var hostMinor);
        if (!TryParseApi(pluginApi, out var major, out var minor))
        {
            return $"hostApi '{pluginApi}' is not major.minor.";
        }

        if (major < hostMajor)
        {
            return $"built for host API {pluginApi}; this host runs {HostApiVersion.Current}: rebuild it against PluginBot.Abstractions {hostMajor}.x.";
        }

        if (major != hostMajor || minor > hostMinor)
        {
            return $"built for host API {pluginApi}, but this host provides {HostApiVersion.Current}: install a plugin version built for {hostMajor}.x (x ≤ {hostMinor}) or update PluginBot.";
        }

        return null;
    }

    private static bool TryParseApi(string value, out int major, out int minor)
    {
        major = minor = 0;
        var parts = value.Split('.');
        return parts.Length == 2 && int.TryParse(parts[0], out major) && int.TryParse(parts[1], out minor) && major >= 0 && minor >= 0;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex FlatNamePattern();

    [GeneratedRegex("^[A-Za-z0-9_]+(:[A-Za-z0-9_]+)*$")]
    private static partial Regex KeyPattern();
}

/// <summary>The JSON shape of <c>plugin.json</c>.</summary>
internal sealed record ManifestFile(
    string? Id,
    string? Name,
    string? Version,
    string? HostApi,
    IReadOnlyList<string>? Dependencies,
    string? EntryAssembly,
    string? Description,
    IReadOnlyList<string>? OptionalDependencies = null,
    IReadOnlyDictionary<string, string>? Environment = null);
