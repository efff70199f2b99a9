namespace PluginBot.IntegrationTests.Deploy;

/// <summary>The shipped logrotate file, run by the real logrotate on a copy pointed at a temp folder.</summary>
public sealed class LogrotateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-logrotate-").FullName;

    [Fact]
    public async Task Logrotate_accepts_the_file_and_rotates_the_log_without_recreating_it()
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(PublishFixture.DeployDirectory, "pluginbot.logrotate"));
        Assert.Contains("/var/log/pluginbot/*.log {", shipped, StringComparison.Ordinal);
        Assert.Contains("su pluginbot pluginbot", shipped, StringComparison.Ordinal);

        // The test machine has no pluginbot user: the copy drops `su`, and looks at the temp folder.
        var config = Path.Combine(_folder, "pluginbot.logrotate");
        await File.WriteAllTextAsync(config, shipped.Replace("/var/log/pluginbot/", _folder + "/logs/", StringComparison.Ordinal)
            .Replace("    su pluginbot pluginbot\n", "", StringComparison.Ordinal));
        Directory.CreateDirectory(Path.Combine(_folder, "logs"));
        var log = Path.Combine(_folder, "logs", "pluginbot.log");
        await File.WriteAllTextAsync(log, "one line\n");

        var result = await Shell.RunAsync("logrotate", ["--force", "--state", Path.Combine(_folder, "state"), config]);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal("one line\n", await File.ReadAllTextAsync(log + ".1"));
        Assert.False(File.Exists(log)); // nocreate: the next batch of lines from PluginBot creates it
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
