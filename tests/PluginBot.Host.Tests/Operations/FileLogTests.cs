using Microsoft.Extensions.Logging;
using PluginBot.Host.Operations;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Operations;

public sealed class FileLogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-filelog-").FullName;

    private string LogPath => Path.Combine(_folder, "logs", "pluginbot.log");

    [Fact]
    public async Task Lines_go_to_the_file_with_time_level_and_category()
    {
        using (var log = new FileLog(LogPath, TimeProvider.System))
        {
            log.CreateLogger("PluginBot.Test").LogWarning("disk {Percent}% full", 91);
        }

        var line = Assert.Single(await File.ReadAllLinesAsync(LogPath));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z warn PluginBot.Test: disk 91% full$", line);
    }

    [Fact]
    public async Task After_logrotate_renames_the_file_new_lines_start_a_new_file_and_none_is_lost()
    {
        using var log = new FileLog(LogPath, TimeProvider.System);
        var logger = log.CreateLogger("PluginBot.Test");
        logger.LogInformation("before rotation");
        await Eventually.UntilAsync(() => File.Exists(LogPath) && File.ReadAllText(LogPath).Contains("before rotation", StringComparison.Ordinal));

        File.Move(LogPath, LogPath + ".1");
        logger.LogInformation("after rotation");

        await Eventually.UntilAsync(() => File.Exists(LogPath) && File.ReadAllText(LogPath).Contains("after rotation", StringComparison.Ordinal));
        Assert.DoesNotContain("after rotation", await File.ReadAllTextAsync(LogPath + ".1"), StringComparison.Ordinal);
        Assert.DoesNotContain("before rotation", await File.ReadAllTextAsync(LogPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_stays_on_the_line_of_its_message()
    {
        using (var log = new FileLog(LogPath, TimeProvider.System))
        {
            log.CreateLogger("PluginBot.Test").LogError(new InvalidOperationException("boom"), "failed\nsecond line");
        }

        var line = Assert.Single(await File.ReadAllLinesAsync(LogPath));
        Assert.Contains("fail PluginBot.Test: failed second line | System.InvalidOperationException: boom", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
