using Microsoft.Data.Sqlite;

namespace PluginBot.Host.Storage;

/// <summary>One connection per DI scope, shared by every DbContext in it, so they can share a transaction.</summary>
internal sealed class ScopedConnection(SqliteDatabase database) : IDisposable
{
    private SqliteConnection? _connection;

    public SqliteConnection Connection => _connection ??= database.Open();

    public void Dispose() => _connection?.Dispose();
}
