using Microsoft.Data.Sqlite;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-sqlite-").FullName;

    [Theory]
    [InlineData("Full", 2L)]
    [InlineData("Normal", 1L)]
    public void Every_connection_is_opened_with_the_chosen_synchronous_level_in_wal(string name, long pragma)
    {
        var level = Enum.Parse<SqliteSynchronous>(name);
        var database = new SqliteDatabase(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "s.db"), Pooling = false }.ToString(), level);
        database.Initialise();

        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        var synchronous = command.ExecuteScalar();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal(pragma, synchronous);
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
