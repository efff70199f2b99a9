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
        return new PluginManifest(attribute.Id, attribute.Name, version, attribute.HostApi, attribute.Dependencies, Path.GetFileName(assembly.Location), attribute.Description);
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
}

/// <summary>The JSON shape of <c>plugin.json</c>.</summary>
internal sealed record ManifestFile(
    string? Id,
    string? Name,
    string? Version,
    string? HostApi,
    IReadOnlyList<string>? Dependencies,
    string? EntryAssembly,
    string? Description);
