using System.Diagnostics;

namespace PluginBot.Host.Tests.Cli;

/// <summary>Behaviour that only a real process shows: the version flag and a graceful stop on SIGTERM.</summary>
public sealed class ProcessTests : IDisposable
{
    // An idle bot stops in about a second; the margin is for a loaded machine.
    private const int ShutdownTimeoutSeconds = 20;
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Version_prints_the_assembly_version_and_exits_0()
    {
        using var child = ChildProcess.Start(_sandbox.Root, new Dictionary<string, string>(), "--version");

        var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.Matches(@"^0\.1\.0(\+[0-9a-f]+)?$", child.Output.Trim());
    }

    [Fact]
    public async Task Sigterm_stops_the_bot_gracefully_with_exit_code_0_within_the_shutdown_timeout()
    {
        using var child = ChildProcess.Start(_sandbox.Root, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = _sandbox.DatabasePath,
            ["API_BIND"] = "127.0.0.1",
            ["API_PORT"] = "0",
            ["Kernel__DataDirectory"] = _sandbox.DataDirectory,
            ["Kernel__ShutdownTimeoutSeconds"] = ShutdownTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Plugins__Path"] = _sandbox.PluginsPath,
        });
        await child.WaitForLineAsync("PluginBot is running", TimeSpan.FromSeconds(60));

        var stopwatch = Stopwatch.StartNew();
        await child.TerminateAsync();
        var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(ShutdownTimeoutSeconds + 20));

        Assert.Equal(0, exitCode);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(ShutdownTimeoutSeconds));
        Assert.Contains("Application is shutting down", child.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(_sandbox.DatabasePath));
    }

    public void Dispose() => _sandbox.Dispose();
}
