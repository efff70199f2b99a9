namespace PluginBot.IntegrationTests.Deploy;

/// <summary><c>setup.sh --root</c>: the tree a server gets, with its modes, and what a second run leaves alone.</summary>
[Collection(DeployCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SetupScriptTests(PublishFixture publish)
{
    [Fact]
    public async Task Setup_stages_the_release_settings_unit_and_logrotate_with_the_right_modes()
    {
        await using var server = new StagedServer();

        var result = await server.SetupAsync(publish.PublishDirectory);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Matches(@"^releases/0\.1\.0-[0-9a-f]{12}$", new FileInfo(server.Current).LinkTarget);
        Assert.True(File.Exists(Path.Combine(server.Current, "pluginbot")));
        Assert.True(File.Exists(Path.Combine(server.Current, "plugins", "Telegram", "PluginBot.Plugins.Telegram.dll")));
        Assert.Equal("600", Mode(server.EnvFile));
        Assert.Equal("700", Mode(Path.GetDirectoryName(server.EnvFile)!));
        Assert.Equal("750", Mode(server.DataDirectory));
        Assert.Equal("750", Mode(Path.Combine(server.Root, "var", "log", "pluginbot")));
        Assert.Equal("644", Mode(Path.Combine(server.Root, "etc", "systemd", "system", "pluginbot.service")));
        Assert.Equal("644", Mode(Path.Combine(server.Root, "etc", "logrotate.d", "pluginbot")));
        Assert.Equal("755", Mode(Path.Combine(server.Root, "usr", "local", "bin", "pluginbot")));
        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(PublishFixture.DeployDirectory, "pluginbot.service")),
            await File.ReadAllTextAsync(Path.Combine(server.Root, "etc", "systemd", "system", "pluginbot.service")));
        Assert.Matches("^[0-9a-f]{64}$", server.Setting("API_ADMIN_TOKEN"));
        Assert.Matches("^[0-9a-f]{64}$", server.Setting("METRICS_TOKEN"));
        Assert.NotEqual(server.Setting("API_ADMIN_TOKEN"), server.Setting("METRICS_TOKEN"));
        Assert.Contains("http://127.0.0.1:8080/health/ready", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_run_keeps_what_the_operator_edited_and_changes_nothing_else()
    {
        await using var server = new StagedServer();
        Assert.Equal(0, (await server.SetupAsync(publish.PublishDirectory)).ExitCode);
        var unit = Path.Combine(server.Root, "etc", "systemd", "system", "pluginbot.service");
        await File.AppendAllTextAsync(server.EnvFile, "TELEGRAM_BOT_TOKEN=123456:operator-edit\n");
        await File.AppendAllTextAsync(unit, "# the operator's own line\n");
        var envBefore = await File.ReadAllTextAsync(server.EnvFile);
        var unitBefore = await File.ReadAllTextAsync(unit);
        var release = new FileInfo(server.Current).LinkTarget;

        var result = await server.SetupAsync(publish.PublishDirectory);

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(envBefore, await File.ReadAllTextAsync(server.EnvFile));
        Assert.Equal("600", Mode(server.EnvFile));
        Assert.Equal(unitBefore, await File.ReadAllTextAsync(unit));
        Assert.Contains($"{unit} was edited here; kept it", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(unit + ".pluginbot-new"));
        Assert.Equal(release, new FileInfo(server.Current).LinkTarget);
        Assert.Single(Directory.GetDirectories(Path.Combine(server.Root, "opt", "pluginbot", "releases")));
    }

    [Fact]
    public async Task Setup_tightens_a_settings_file_left_readable_without_touching_its_content()
    {
        await using var server = new StagedServer();
        Assert.Equal(0, (await server.SetupAsync(publish.PublishDirectory)).ExitCode);
        File.SetUnixFileMode(server.EnvFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var before = await File.ReadAllTextAsync(server.EnvFile);

        var result = await server.SetupAsync(publish.PublishDirectory);

        Assert.Equal("600", Mode(server.EnvFile));
        Assert.Equal(before, await File.ReadAllTextAsync(server.EnvFile));
        Assert.Contains("its mode was 644 and is now 0600", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help", 0, "Usage: sudo deploy/setup.sh")]
    [InlineData("--bogus", 1, "unknown argument '--bogus'")]
    public async Task Setup_explains_itself(string argument, int exitCode, string text)
    {
        var result = await Shell.RunAsync(Path.Combine(PublishFixture.DeployDirectory, "setup.sh"), [argument]);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(text, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_refuses_a_folder_that_is_not_a_publish()
    {
        var notAPublish = Directory.CreateTempSubdirectory("pluginbot-not-a-publish-").FullName;
        await using var server = new StagedServer();

        var result = await server.SetupAsync(notAPublish);
        Directory.Delete(notAPublish);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("has no executable 'pluginbot'", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(server.EnvFile));
    }

    [Fact]
    public async Task Setup_without_a_root_says_it_needs_systemd_on_a_machine_without_it()
    {
        if (Directory.Exists("/run/systemd/system"))
        {
            return; // this machine runs systemd: without --root, setup.sh would provision it for real
        }

        var result = await Shell.RunAsync(Path.Combine(PublishFixture.DeployDirectory, "setup.sh"), ["--publish", "/nonexistent"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("systemd is not running here", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_without_a_root_must_run_as_root()
    {
        var result = await Shell.RunAsync("runuser", ["-u", "nobody", "--", Path.Combine(PublishFixture.DeployDirectory, "setup.sh")]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run as root: sudo", result.Error, StringComparison.Ordinal);
    }

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path) & 0x1FF, 8);
}
