using Microsoft.Data.Sqlite;

namespace PluginBot.Host.Storage;

/// <summary>
/// The database file. Connections are opened with the pragmas every connection needs; WAL is set once (it
/// persists in the file). <paramref name="synchronous"/> is <c>Kernel:Sqlite:Synchronous</c>: FULL syncs the WAL at
/// every commit, so a commit survives a power cut; NORMAL syncs only at checkpoints (the last commits may be lost on
/// a power cut, never on a crash of the process). docs/performance.md has the figures behind the default.
/// </summary>
internal sealed class SqliteDatabase(string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Full)
{
    public SqliteSynchronous Synchronous => synchronous;

    /// <summary>Changed only by the test kit, to give each test a fresh file behind the same running host.</summary>
    public string ConnectionString { get; internal set; } = connectionString;

    public string FilePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = synchronous == SqliteSynchronous.Normal
            ? "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
            : "PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// Creates the folder and the file if needed and switches it to WAL. Throws <see cref="DatabaseUnavailableException"/>
    /// with a message naming the path and the fix when the location is not writable.
    /// </summary>
    public void Initialise()
    {
        try
        {
            var folder = Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS __pluginbot_probe (x INTEGER); DROP TABLE __pluginbot_probe;";
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new DatabaseUnavailableException(
                $"Cannot open the database {FilePath} for writing ({ex.Message.TrimEnd('.')}): point DATABASE_URL at a writable file, or fix the folder's permissions.", ex);
        }
    }
}

/// <summary>SQLite's <c>synchronous</c> levels that are safe with WAL (OFF can corrupt the file on a power cut).</summary>
internal enum SqliteSynchronous
{
    /// <summary>The WAL is synced at checkpoints: a power cut may lose the last commits, a process crash loses none.</summary>
    Normal,

    /// <summary>The WAL is synced at every commit: what was committed survives a power cut.</summary>
    Full,
}

internal sealed class DatabaseUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
