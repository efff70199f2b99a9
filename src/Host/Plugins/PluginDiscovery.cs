using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Host.Plugins;

/// <summary>
/// Finds plugins in the plugins folder (sub-folders and single DLLs), loads each entry assembly into its own
/// load context and reads its manifest. Nothing here registers services; a plugin that cannot be loaded is
/// recorded with its status and reason.
/// </summary>
internal sealed class PluginDiscovery(ILogger logger)
{
    public List<PluginRecord> Discover(string pluginsPath)
    {
        var found = new List<PluginRecord>();
        if (!Directory.Exists(pluginsPath))
        {
            logger.LogWarning("Plugins folder {Path} does not exist, so no plugins are loaded: create it or set Plugins:Path", pluginsPath);
            return found;
        }

        foreach (var folder in Directory.EnumerateDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            found.Add(FromFolder(folder));
        }

        foreach (var file in Directory.EnumerateFiles(pluginsPath).Order(StringComparer.Ordinal))
        {
            if (string.Equals(Path.GetExtension(file), ".dll", StringComparison.OrdinalIgnoreCase))
            {
                found.Add(Load(Placeholder(file), file, manifestFile: null));
            }
            else
            {
                logger.LogInformation("Ignoring {File}: not a plugin (a plugin is a folder or a .dll)", file);
            }
        }

        RejectDuplicateIds(found);
        return found;
    }

    private static PluginRecord FromFolder(string folder)
    {
        var record = Placeholder(folder);
        ManifestFile? manifestFile = null;
        var manifestPath = Path.Combine(folder, ManifestReader.FileName);
        if (File.Exists(manifestPath))
        {
            (manifestFile, var error) = ManifestReader.ReadFile(manifestPath);
            if (error is not null)
            {
                record.Fail(PluginStatus.Malfunctioned, error);
                return record;
            }
        }

        var entry = manifestFile?.EntryAssembly is { Length: > 0 } named ? Path.Combine(folder, named) : GuessEntryAssembly(folder);
        if (entry is null)
        {
            record.Fail(PluginStatus.Malfunctioned, $"cannot tell which DLL in {folder} is the plugin: add plugin.json with \"entryAssembly\".");
            return record;
        }

        if (!File.Exists(entry))
        {
            record.Fail(PluginStatus.Malfunctioned, $"plugin.json names entry assembly '{Path.GetFileName(entry)}', which is not in {folder}: fix entryAssembly or copy the DLL there.");
            return record;
        }

        var (ignored, newer) = ContractAssemblies.InspectCopies(folder);
        if (newer is not null)
        {
            record.Fail(PluginStatus.NotSupported, newer + ".");
            return record;
        }

        if (ignored.Count > 0)
        {
            record.Warnings.Add($"ignored its own copies of {string.Join(", ", ignored)}; the host's are used");
        }

        return Load(record, entry, manifestFile);
    }

    private static PluginRecord Load(PluginRecord record, string entryPath, ManifestFile? manifestFile)
    {
        record.EntryAssemblyPath = entryPath;
        Assembly assembly;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(entryPath, ContractAssemblies.SharedTypes, config =>
            {
                config.PreferSharedTypes = true;
                config.IsUnloadable = false;
            });
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            record.Fail(PluginStatus.Malfunctioned, $"{Path.GetFileName(entryPath)} cannot be loaded ({ex.Message}); it is not a .NET plugin assembly: remove it from the plugins folder.");
            return record;
        }

        record.Assembly = assembly;
        var manifest = manifestFile is not null ? FromFile(manifestFile, entryPath, assembly) : ManifestReader.FromAttribute(assembly);
        if (manifest is null)
        {
            record.Fail(PluginStatus.Malfunctioned, $"{Path.GetFileName(entryPath)} has no manifest: add plugin.json or [assembly: PluginManifest(...)] (is it a PluginBot plugin?).");
            return record;
        }

        record.Manifest = manifest;
        if (ManifestReader.Validate(manifest) is { } invalid)
        {
            record.Fail(PluginStatus.Malfunctioned, invalid);
            return record;
        }

        if (ManifestReader.CheckHostApi(manifest.HostApi) is { } mismatch)
        {
            record.Fail(PluginStatus.NotSupported, mismatch);
            return record;
        }

        TouchTypes(record, assembly);
        return record;
    }

    /// <summary>Loads every type now, so a version mismatch shows at start rather than at first use.</summary>
    private static void TouchTypes(PluginRecord record, Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var first = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            record.Fail(PluginStatus.Malfunctioned, $"some of its types cannot be loaded: {first}");
            return;
        }

        var entryPoints = types.Where(t => typeof(IPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
        if (entryPoints.Count == 0)
        {
            var foreign = types.FirstOrDefault(t => t.GetInterfaces().Any(i => i.FullName == typeof(IPlugin).FullName));
            record.Fail(PluginStatus.Malfunctioned, foreign is not null
                ? $"{foreign.Name} implements IPlugin from another copy of PluginBot.Abstractions: reference the package with ExcludeAssets=runtime (see docs/plugins.md)."
                : "no class implements IPlugin.");
            return;
        }

        if (entryPoints.Count > 1)
        {
            record.Fail(PluginStatus.Malfunctioned, $"more than one class implements IPlugin ({string.Join(", ", entryPoints.Select(t => t.Name))}): keep one entry point.");
            return;
        }

        try
        {
            record.Instance = (IPlugin)Activator.CreateInstance(entryPoints[0])!;
        }
        catch (Exception ex) when (ex is MissingMethodException or TargetInvocationException)
        {
            record.Fail(PluginStatus.Malfunctioned, $"{entryPoints[0].Name} cannot be created: {ex.InnerException?.Message ?? ex.Message} (it needs a public parameterless constructor).");
        }
    }

    private static PluginManifest FromFile(ManifestFile file, string entryPath, Assembly assembly)
    {
        var fromAttribute = ManifestReader.FromAttribute(assembly);
        return new PluginManifest(
            file.Id ?? fromAttribute?.Id ?? "",
            file.Name ?? fromAttribute?.Name ?? "",
            file.Version ?? fromAttribute?.Version ?? "0.0.0",
            file.HostApi ?? fromAttribute?.HostApi ?? HostApiVersion.Current,
            file.Dependencies ?? fromAttribute?.Dependencies ?? [],
            Path.GetFileName(entryPath),
            file.Description ?? fromAttribute?.Description ?? "")
        {
            OptionalDependencies = file.OptionalDependencies ?? fromAttribute?.OptionalDependencies ?? [],
            Environment = file.Environment ?? fromAttribute?.Environment ?? new Dictionary<string, string>(),
        };
    }

    private static string? GuessEntryAssembly(string folder)
    {
        var deps = Directory.GetFiles(folder, "*.deps.json");
        if (deps.Length == 1)
        {
            var dll = deps[0][..^".deps.json".Length] + ".dll";
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        var named = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
        if (File.Exists(named))
        {
            return named;
        }

        var dlls = Directory.GetFiles(folder, "*.dll");
        return dlls.Length == 1 ? dlls[0] : null;
    }

    private static void RejectDuplicateIds(List<PluginRecord> found)
    {
        foreach (var group in found.Where(p => p.Status != PluginStatus.Malfunctioned || p.Assembly is not null)
                     .GroupBy(p => p.Manifest.Id)
                     .Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                duplicate.Fail(PluginStatus.Malfunctioned, $"duplicate plugin id '{group.Key}': {first.Location} already uses it; remove one of the two.");
            }
        }
    }

    private static PluginRecord Placeholder(string location)
    {
        var name = Path.GetFileNameWithoutExtension(location);
        return new PluginRecord(new PluginManifest(name.ToLowerInvariant(), name, "?", "?", [], "", ""), location);
    }
}
