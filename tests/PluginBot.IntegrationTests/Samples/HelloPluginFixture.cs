using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.IntegrationTests.Samples;

/// <summary>
/// Does what an outside author does: packs PluginBot.Abstractions (with a version no NuGet cache has seen),
/// builds a copy of samples/HelloPlugin against that package outside the repository, drops the output into a
/// plugins folder beside the Tasks, Models and LlmGateway plugins it works with, and starts the real host on it,
/// the gateway pointed at a fake OpenAI-compatible server.
/// </summary>
public sealed class HelloPluginFixture() : GatewayHostFixture("sk-hello-tests", "gpt-test")
{
    /// <summary>The plugins of this repository the sample works with, copied from the test project's plugins folder.</summary>
    private static readonly string[] Beside = ["Tasks", "Models", "LlmGateway"];

    /// <summary>What the fake model answers every task.</summary>
    public const string ModelGreeting = "Good morning, Ann, and welcome!";

    public const string Greeting = "Hi";

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    private readonly string _work = Path.Combine(Path.GetTempPath(), "pluginbot-sample-" + Guid.NewGuid().ToString("N"));

    /// <summary>Unique per run, so a package cached by an earlier run is never used.</summary>
    public string AbstractionsVersion { get; } = $"2.1.0-t{DateTime.UtcNow.Ticks}";

    /// <summary>Where the plugin's build output was dropped.</summary>
    public string PluginFolder => Path.Combine(PluginsPath, "HelloPlugin");

    protected override string PluginsPath => Path.Combine(_work, "plugins");

    public RecordingTransport Transport { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Plugins:Hello:Greeting"] = Greeting,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IMessengerTransport>(Transport);

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

        foreach (var plugin in Beside)
        {
            CopySources(Path.Combine(AppContext.BaseDirectory, "plugins", plugin), Path.Combine(PluginsPath, plugin));
        }

        Gateway.DefaultReply = FakeReply.WithText(ModelGreeting);
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
