using System.Text.RegularExpressions;

namespace PluginBot.IntegrationTests.Deploy;

/// <summary>
/// A server's file tree made by <c>setup.sh --root</c> in a temp folder, on a free port, with the service run by
/// <c>fake-systemctl.sh</c> (which starts the staged binary as the unit does). Stopped and deleted on dispose.
/// </summary>
internal sealed partial class StagedServer : IAsyncDisposable
{
    public StagedServer() => Port = PublishFixture.FreePort();

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "pluginbot-staged-" + Guid.NewGuid().ToString("N"));

    public int Port { get; }

    public string EnvFile => Path.Combine(Root, "etc", "pluginbot", "pluginbot.env");

    public string Current => Path.Combine(Root, "opt", "pluginbot", "current");

    public string DataDirectory => Path.Combine(Root, "var", "lib", "pluginbot");

    public string DatabasePath => Path.Combine(DataDirectory, "pluginbot.db");

    public Uri Health => new($"http://127.0.0.1:{Port}/health/ready");

    public IReadOnlyDictionary<string, string?> ServiceEnvironment => new Dictionary<string, string?>
    {
        ["FAKE_SYSTEMD_ROOT"] = Root,
        ["PLUGINBOT_SYSTEMCTL"] = PublishFixture.FakeSystemctl,
    };

    public Task<ShellResult> SetupAsync(string publish) =>
        Shell.RunAsync(Path.Combine(PublishFixture.DeployDirectory, "setup.sh"), ["--root", Root, "--publish", publish], timeout: TimeSpan.FromMinutes(3));

    /// <summary>Points the staged settings at this server's port (as an operator edits the file).</summary>
    public void UsePort() => File.WriteAllText(EnvFile, PortLine().Replace(File.ReadAllText(EnvFile), $"API_PORT={Port}"));

    public Task<ShellResult> SystemctlAsync(string verb) => Shell.RunAsync(PublishFixture.FakeSystemctl, [verb, "pluginbot"], ServiceEnvironment, TimeSpan.FromMinutes(1));

    /// <summary>A value from the staged settings file.</summary>
    public string Setting(string name) => File.ReadAllLines(EnvFile).Last(l => l.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    public string ServiceLog => File.Exists(Path.Combine(Root, "service.log")) ? File.ReadAllText(Path.Combine(Root, "service.log")) : "";

    /// <summary>Waits until /health/ready answers 200 (the service is started in the background).</summary>
    public async Task WaitReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                if ((await client.GetAsync(Health, deadline.Token)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{Health} did not answer. Service log:\n{ServiceLog}");
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await SystemctlAsync("stop");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    [GeneratedRegex("^API_PORT=.*$", RegexOptions.Multiline)]
    private static partial Regex PortLine();
}
