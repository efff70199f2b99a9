using Microsoft.Data.Sqlite;

namespace PluginBot.Host.Tests.Cli;

/// <summary>
/// CLI verbs run while the bot holds the data folder (its lock taken here, as the running bot takes it): they must
/// neither migrate nor clear EF's migration lock, which may be the bot's own.
/// </summary>
public sealed class BesideRunningBotTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task A_verb_beside_the_bot_runs_against_a_current_schema_without_migrating()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("migrate")).ExitCode);
        using var bot = HoldDataFolder();

        var result = await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "ci");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^pb_", result.Output.Trim());
    }

    [Fact]
    public async Task A_verb_beside_the_bot_stops_when_the_schema_needs_migrating_and_leaves_the_migration_lock_alone()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("migrate")).ExitCode);
        var last = Scalar("SELECT MigrationId FROM __EFMigrationsHistory_kernel ORDER BY MigrationId DESC LIMIT 1");
        Execute($"DELETE FROM __EFMigrationsHistory_kernel WHERE MigrationId = '{last}'");
        Execute("INSERT INTO __EFMigrationsLock (Id, Timestamp) VALUES (1, '2026-03-01 12:00:00')");
        using var bot = HoldDataFolder();

        var result = await _sandbox.RunAsync("token", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "the bot is running and the database needs migrating (kernel: " + last + "): stop it or run `pluginbot migrate` while it is stopped.",
            result.Error,
            StringComparison.Ordinal);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM __EFMigrationsLock"));
        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM __EFMigrationsHistory_kernel WHERE MigrationId = '{last}'"));
    }

    [Fact]
    public async Task A_verb_beside_the_bot_does_not_create_a_database_that_is_not_there()
    {
        using var bot = HoldDataFolder();

        var result = await _sandbox.RunAsync("token", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the bot is running and the database needs migrating", result.Error, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name LIKE '__EFMigrationsHistory%'"));
    }

    [Fact]
    public async Task Migrate_refuses_to_run_beside_the_bot()
    {
        using var bot = HoldDataFolder();

        var result = await _sandbox.RunAsync("migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Another PluginBot process is running with the data folder {_sandbox.DataDirectory}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Migrations applied", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Alone_a_verb_migrates_as_before_and_clears_a_migration_lock_left_by_a_crash()
    {
        Directory.CreateDirectory(_sandbox.DataDirectory);
        Execute("CREATE TABLE \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL); INSERT INTO __EFMigrationsLock VALUES (1, '2026-03-01 12:00:00')");

        var result = await _sandbox.RunAsync("token", "list").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM __EFMigrationsLock"));
        Assert.NotEqual(0L, Scalar("SELECT COUNT(*) FROM __EFMigrationsHistory_kernel"));
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>What the running bot does with its data folder: an unshared open of the lock file.</summary>
    private FileStream HoldDataFolder()
    {
        Directory.CreateDirectory(_sandbox.DataDirectory);
        return new FileStream(Path.Combine(_sandbox.DataDirectory, "pluginbot.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_sandbox.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_sandbox.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
