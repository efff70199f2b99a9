using Microsoft.Data.Sqlite;

namespace PluginBot.IntegrationTests.Deploy;

/// <summary><c>upgrade.sh</c> on a staged server whose service runs: a release that works, and one that does not.</summary>
[Collection(DeployCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UpgradeScriptTests(PublishFixture publish) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("pluginbot-upgrade-").FullName;

    [Fact]
    public async Task A_release_that_fails_its_health_check_is_rolled_back_with_the_database_from_before()
    {
        await using var server = await RunningServerAsync();
        var before = new FileInfo(server.Current).LinkTarget;
        await CreateTokenAsync(server, "before-upgrade");

        // Its migration spoils the database and its start fails: both must be undone.
        var broken = Path.Combine(_work, "broken");
        Directory.CreateDirectory(Path.Combine(broken, "plugins"));
        File.Copy(Path.Combine(publish.PublishDirectory, "pluginbot.deps.json"), Path.Combine(broken, "pluginbot.deps.json"));
        await File.WriteAllTextAsync(Path.Combine(broken, "pluginbot"), """
            #!/bin/sh
            if [ "$1" = migrate ]; then echo spoiled > "$Kernel__DataDirectory/pluginbot.db"; exit 0; fi
            echo "this release cannot start" >&2
            exit 3
            """.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(Path.Combine(broken, "pluginbot"), (UnixFileMode)0b111_101_101);

        var result = await UpgradeAsync(server, broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"rolled back to {Path.GetFileName(before)} with the database from before the upgrade", result.Error, StringComparison.Ordinal);
        Assert.Contains("the service stopped before", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, new FileInfo(server.Current).LinkTarget);
        Assert.Equal(["before-upgrade"], TokenNames(server.DatabasePath));
        await server.WaitReadyAsync();
    }

    [Fact]
    public async Task A_release_that_comes_up_becomes_current_after_an_online_backup()
    {
        await using var server = await RunningServerAsync();
        var before = new FileInfo(server.Current).LinkTarget;
        await CreateTokenAsync(server, "kept");
        var next = Path.Combine(_work, "next");
        await Shell.RunAsync("cp", ["-a", publish.PublishDirectory, next]);
        await File.WriteAllTextAsync(Path.Combine(next, "RELEASE"), "next"); // another content, so another release

        var result = await UpgradeAsync(server, next);

        Assert.True(result.ExitCode == 0, result.All + server.ServiceLog);
        Assert.NotEqual(before, new FileInfo(server.Current).LinkTarget);
        Assert.True(File.Exists(Path.Combine(server.Current, "RELEASE")));
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(server.DataDirectory, "backups"), "pre-upgrade-*.db"));
        Assert.Equal(["kept"], TokenNames(backup));
        Assert.Equal(["kept"], TokenNames(server.DatabasePath));
        await server.WaitReadyAsync();
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private async Task<StagedServer> RunningServerAsync()
    {
        var server = new StagedServer();
        var setup = await server.SetupAsync(publish.PublishDirectory);
        Assert.True(setup.ExitCode == 0, setup.All);
        server.UsePort();
        Assert.Equal(0, (await server.SystemctlAsync("start")).ExitCode);
        await server.WaitReadyAsync();
        return server;
    }

    private static Task<ShellResult> UpgradeAsync(StagedServer server, string release) =>
        Shell.RunAsync(Path.Combine(PublishFixture.DeployDirectory, "upgrade.sh"), ["--root", server.Root, "--publish", release, "--timeout", "60"],
            server.ServiceEnvironment, TimeSpan.FromMinutes(5));

    /// <summary>A row the upgrade must not lose, written by the staged binary beside the running service.</summary>
    private static async Task CreateTokenAsync(StagedServer server, string name)
    {
        var result = await Shell.RunAsync(Path.Combine(server.Current, "pluginbot"), ["token", "create", "--user", "42", "--name", name],
            new Dictionary<string, string?> { ["Kernel__DataDirectory"] = server.DataDirectory, ["DATABASE_URL"] = server.Setting("DATABASE_URL") }, TimeSpan.FromMinutes(1), server.DataDirectory);
        Assert.True(result.ExitCode == 0, result.All);
    }

    private static List<string> TokenNames(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT Name FROM kernel_api_tokens ORDER BY Name";
        using var reader = query.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
