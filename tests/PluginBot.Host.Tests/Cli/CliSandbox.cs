using Microsoft.Extensions.Logging;
using PluginBot.Host.Cli;
using PluginBot.Host.Hosting;

namespace PluginBot.Host.Tests.Cli;

/// <summary>What one CLI run printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    /// <summary>The lines written to the error stream, without blank ones.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>
/// A temp folder holding a data folder, an empty plugins folder and an optional <c>.env</c>; runs
/// <see cref="CliApp"/> in-process with the process environment ignored, so every run is hermetic.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox()
    {
        Directory.CreateDirectory(PluginsPath);
        Settings = new Dictionary<string, string?>
        {
            ["Kernel:DataDirectory"] = DataDirectory,
            ["Kernel:Database"] = DatabasePath,
            ["Plugins:Path"] = PluginsPath,
        };
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pluginbot-cli-tests", Guid.NewGuid().ToString("N"));

    public string DataDirectory => Path.Combine(Root, "data");

    public string DatabasePath => Path.Combine(DataDirectory, "pluginbot.db");

    public string PluginsPath => Path.Combine(Root, "plugins");

    public string DotEnvPath => Path.Combine(Root, ".env");

    /// <summary>Configuration applied above everything else (keys as in appsettings.json).</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>Read the process environment too (only the precedence tests, which set it themselves).</summary>
    public bool UseEnvironment { get; set; }

    public void WriteDotEnv(params string[] lines) => File.WriteAllLines(DotEnvPath, lines);

    /// <summary>Adds a plugin folder with no DLL in it: the catalog marks it Malfunctioned.</summary>
    public void AddBrokenPlugin(string name) => Directory.CreateDirectory(Path.Combine(PluginsPath, name));

    public HostBuildOptions Options => new()
    {
        DotEnvPath = File.Exists(DotEnvPath) ? DotEnvPath : null,
        UseEnvironment = UseEnvironment,
        Overrides = new Dictionary<string, string?>(Settings),
        Configure = builder => builder.Logging.ClearProviders(),
    };

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, output, error, Options).WaitAsync(TimeSpan.FromSeconds(60));
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner.
        }
    }
}
