using PluginBot.TestKit;

namespace PluginBot.IntegrationTests.Samples;

/// <summary>
/// Does what an outside author does: packs PluginBot.Abstractions (with a version no NuGet cache has seen),
/// builds a copy of samples/HelloPlugin against that package outside the repository, drops the output into a
/// plugins folder, and starts the real host on it.
/// </summary>
public sealed class HelloPluginFixture : HostFixture
{
    public const string Greeting = "Hi";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "pluginbot-sample-" + Guid.NewGuid().ToString("N"));

    /// <summary>Unique per run, so a package cached by an earlier run is never used.</summary>
    public string AbstractionsVersion { get; } = $"1.0.0-t{DateTime.UtcNow.Ticks}";

    /// <summary>Where the plugin's build output was dropped.</summary>
    public string PluginFolder => Path.Combine(PluginsPath, "HelloPlugin");

    protected override string PluginsPath => Path.Combine(_work, "plugins");

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Plugins:Hello:Greeting"] = Greeting,
    };

    public override async Task InitializeAsync()
    {
        var samples = Path.Combine(_work, "samples");
        CopySources(Path.Combine(DotnetCli.RepoRoot, "samples"), samples);

        await DotnetCli.RunAsync(
            [
                "pack", Path.Combine(DotnetCli.RepoRoot, "src", "Abstractions", "PluginBot.Abstractions.csproj"),
                "--nologo", "-c", "Release", "-nodeReuse:false",
                "--artifacts-path", Path.Combine(_work, "abstractions-build"),
                "-o", Path.Combine(samples, "local-feed"),
                $"-p:Version={AbstractionsVersion}",
            ],
            _work,
            StepTimeout);

        await DotnetCli.RunAsync(
            [
                "build", Path.Combine(samples, "HelloPlugin", "HelloPlugin.csproj"),
                "--nologo", "-c", "Release", "-nodeReuse:false",
                "-o", PluginFolder,
                $"-p:PluginBotAbstractionsVersion={AbstractionsVersion}",
            ],
            samples,
            StepTimeout);

        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        TryDelete(_work);
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        TryDelete(Path.Combine(packages, "pluginbot.abstractions", AbstractionsVersion));
    }

    /// <summary>Copies the sources only: no bin, obj, local feed or design-time database of a developer's own build.</summary>
    private static void CopySources(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from).Where(f => !f.EndsWith(".db", StringComparison.OrdinalIgnoreCase)))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => Path.GetFileName(d) is not ("bin" or "obj" or "local-feed")))
        {
            CopySources(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
        catch (UnauthorizedAccessException)
        {
            // Left for the temp cleaner.
        }
    }
}
