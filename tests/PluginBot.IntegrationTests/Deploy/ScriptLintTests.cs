using System.Globalization;
using System.Text.RegularExpressions;

namespace PluginBot.IntegrationTests.Deploy;

/// <summary>The deployment kit's static checks: shellcheck on every script, systemd's own verdict on the unit.</summary>
[Collection(DeployCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed partial class ScriptLintTests(PublishFixture publish)
{
    public static TheoryData<string> Scripts() =>
    [
        "deploy/setup.sh", "deploy/upgrade.sh", "deploy/common.sh", "deploy/pluginbot-cli.sh",
        "tests/PluginBot.IntegrationTests/Deploy/fake-systemctl.sh", ".ci/run",
    ];

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task Shellcheck_finds_nothing_in_the_script(string script)
    {
        var result = await Shell.RunAsync("shellcheck", ["-x", "--severity=style", script], new Dictionary<string, string?>(), TimeSpan.FromMinutes(1), DotnetCli.RepoRoot);

        Assert.True(result.ExitCode == 0, $"shellcheck {script}:\n{result.All}");
    }

    [Fact]
    public async Task Systemd_analyze_verify_accepts_the_unit_without_a_word_on_stderr()
    {
        var unit = await StagedUnitAsync();

        var result = await Shell.RunAsync("systemd-analyze", ["verify", unit]);
        Directory.Delete(Path.GetDirectoryName(unit)!, recursive: true);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error.Trim());
    }

    [Fact]
    public async Task Systemd_analyze_security_rates_the_unit_at_most_2_5()
    {
        var unit = await StagedUnitAsync();

        var result = await Shell.RunAsync("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit]);
        Directory.Delete(Path.GetDirectoryName(unit)!, recursive: true);

        var exposure = Exposure().Match(result.All);
        Assert.True(exposure.Success, result.All);
        Assert.InRange(double.Parse(exposure.Groups[1].Value, CultureInfo.InvariantCulture), 0, 2.5);
    }

    [Fact]
    public async Task The_unit_keeps_the_jit_working_and_the_watchdog_and_hardening_on()
    {
        var unit = await File.ReadAllTextAsync(Path.Combine(PublishFixture.DeployDirectory, "pluginbot.service"));

        Assert.DoesNotMatch("(?m)^MemoryDenyWriteExecute=", unit);
        foreach (var line in new[] { "Type=notify", "Restart=on-failure", "EnvironmentFile=/etc/pluginbot/pluginbot.env", "StateDirectory=pluginbot", "LogsDirectory=pluginbot",
            "NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes", "CapabilityBoundingSet=\n",
            "SystemCallFilter=@system-service", "ReadWritePaths=/var/lib/pluginbot" })
        {
            Assert.Contains(line, unit, StringComparison.Ordinal);
        }

        Assert.Matches(@"(?m)^WatchdogSec=\d+$", unit);
        Assert.Matches(@"(?m)^RestrictAddressFamilies=", unit);
    }

    /// <summary>
    /// The installed unit, with ExecStart pointed at the staged binary: systemd-analyze checks that the binary exists,
    /// and the test must not write to this machine's /opt.
    /// </summary>
    private async Task<string> StagedUnitAsync()
    {
        await using var server = new StagedServer();
        var setup = await server.SetupAsync(publish.PublishDirectory);
        Assert.True(setup.ExitCode == 0, setup.All);
        var folder = Directory.CreateTempSubdirectory("pluginbot-unit-").FullName;
        var unit = Path.Combine(folder, "pluginbot.service");
        var binary = Path.Combine(folder, "pluginbot");
        File.Copy(Path.Combine(server.Current, "pluginbot"), binary);
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        var installed = await File.ReadAllTextAsync(Path.Combine(server.Root, "etc", "systemd", "system", "pluginbot.service"));
        await File.WriteAllTextAsync(unit, ExecStart().Replace(installed, $"ExecStart={binary}"));
        return unit;
    }

    [GeneratedRegex(@"Overall exposure level for \S+: (\d+\.\d+)")]
    private static partial Regex Exposure();

    [GeneratedRegex("(?m)^ExecStart=.*$")]
    private static partial Regex ExecStart();
}
