using System.Reflection;
using System.Text.Json;

namespace PluginBot.Benchmarks;

/// <summary>The staged benchmark plugin, and copies of it under other plugin ids.</summary>
internal static class BenchPlugin
{
    public const string EntryAssembly = "PluginBot.Benchmarks.Plugin.dll";

    public static string Folder { get; } = typeof(BenchPlugin).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "BenchPluginFolder").Value!;

    /// <summary>A plugins folder holding the benchmark plugin once, under its attribute manifest.</summary>
    public static string CreatePluginsFolder(string root)
    {
        var plugins = Path.Combine(root, "plugins");
        CopyFolder(Folder, Path.Combine(plugins, "bench"));
        return plugins;
    }

    /// <summary>A plugins folder holding <paramref name="count"/> copies, each with its own <c>plugin.json</c> id.</summary>
    public static string CreatePluginsFolder(string root, int count)
    {
        var plugins = Path.Combine(root, "plugins");
        for (var i = 1; i <= count; i++)
        {
            var folder = Path.Combine(plugins, $"bench-{i:00}");
            CopyFolder(Folder, folder);
            var manifest = new
            {
                id = $"bench-{i:00}",
                name = $"Bench{i:00}",
                version = "1.0.0",
                hostApi = "1.0",
                dependencies = Array.Empty<string>(),
                entryAssembly = EntryAssembly,
                description = "Copy of the benchmark plugin.",
            };
            File.WriteAllText(Path.Combine(folder, "plugin.json"), JsonSerializer.Serialize(manifest));
        }

        return plugins;
    }

    private static void CopyFolder(string from, string to)
    {
        if (!File.Exists(Path.Combine(from, EntryAssembly)))
        {
            throw new InvalidOperationException($"{EntryAssembly} is not in {from}: build benchmarks/PluginBot.Benchmarks in this configuration first.");
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }
    }
}
