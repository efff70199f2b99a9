namespace PluginBot.Host.Tests.Cli;

/// <summary><c>backup FILE</c> and <c>restore FILE</c>: a consistent copy out, and only a real PluginBot database back in.</summary>
public sealed class BackupVerbTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    private string BackupPath => Path.Combine(_sandbox.Root, "saved", "pluginbot-backup.db");

    [Fact]
    public async Task Backup_copies_the_database_with_everything_in_it()
    {
        await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "kept");

        var result = await _sandbox.RunAsync("backup", BackupPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"to {BackupPath}", result.Output, StringComparison.Ordinal);
        Assert.Equal(["kept"], TokenNames(BackupPath));
    }

    [Fact]
    public async Task Backup_never_overwrites_an_existing_file()
    {
        await _sandbox.RunAsync("token", "create", "--user", "42");
        Directory.CreateDirectory(Path.GetDirectoryName(BackupPath)!);
        await File.WriteAllTextAsync(BackupPath, "precious");

        var result = await _sandbox.RunAsync("backup", BackupPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists: choose another file name; nothing was overwritten", result.Error, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(BackupPath));
    }

    [Fact]
    public async Task Restore_puts_the_backup_back_and_keeps_the_database_it_replaced()
    {
        await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "before");
        await _sandbox.RunAsync("backup", BackupPath);
        await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "after");

        var result = await _sandbox.RunAsync("restore", BackupPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["before"], TokenNames(_sandbox.DatabasePath));
        var kept = Assert.Single(Directory.GetFiles(Path.Combine(_sandbox.DataDirectory, "backups"), "pre-restore-*.db"));
        Assert.Equal(["after", "before"], TokenNames(kept).Order(StringComparer.Ordinal));
        Assert.Contains(kept, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a database at all", "it is not an SQLite database")]
    [InlineData(null, "it is an SQLite file, but not a PluginBot database")]
    public async Task Restore_refuses_a_file_that_is_not_a_pluginbot_database_and_changes_nothing(string? content, string reason)
    {
        await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "live");
        var bad = Path.Combine(_sandbox.Root, "bad.db");
        if (content is null)
        {
            using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bad};Pooling=False");
            other.Open();
            using var create = other.CreateCommand();
            create.CommandText = "CREATE TABLE notes (x TEXT)";
            create.ExecuteNonQuery();
        }
        else
        {
            await File.WriteAllTextAsync(bad, content);
        }

        var result = await _sandbox.RunAsync("restore", bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{bad} cannot be restored: {reason}", result.Error, StringComparison.Ordinal);
        Assert.Contains("The database was not changed", result.Error, StringComparison.Ordinal);
        Assert.Equal(["live"], TokenNames(_sandbox.DatabasePath));
    }

    public void Dispose() => _sandbox.Dispose();

    private static List<string> TokenNames(string databasePath)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var query = connection.CreateCommand();
        query.CommandText = "SELECT Name FROM kernel_api_tokens";
        using var reader = query.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
