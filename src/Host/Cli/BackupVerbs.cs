using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Storage;
using PluginBot.Host.Configuration;
using PluginBot.Host.Hosting;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Cli;

/// <summary>
/// <c>pluginbot backup FILE</c>: an online copy of the database (SQLite's backup API), safe while the bot runs.
/// <c>pluginbot restore FILE</c>: puts a backup back, with the bot stopped; the database it replaces is kept beside it.
/// </summary>
internal sealed class BackupVerbs(HostBuildOptions options, TextWriter output, TextWriter error)
{
    public Command Backup()
    {
        var file = new Argument<string>("file") { Description = "Where to write the copy; an existing file is never overwritten." };
        var command = new Command("backup", "Copy the database to a file while the bot runs (online, consistent).") { file };
        command.SetAction((parse, _) => HostSession.RunAsync(options, error, async app =>
        {
            var database = app.Services.GetRequiredService<SqliteDatabase>();
            var target = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(database.FilePath))
            {
                await error.WriteLineAsync($"There is no database at {database.FilePath} yet: nothing to back up (check DATABASE_URL).");
                return CliApp.Failed;
            }

            if (File.Exists(target))
            {
                await error.WriteLineAsync($"{target} already exists: choose another file name; nothing was overwritten.");
                return CliApp.Failed;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Copy(database, target);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Backed up {database.FilePath} to {target} ({new FileInfo(target).Length:N0} bytes)."));
            return CliApp.Ok;
        }));
        return command;
    }

    public Command Restore()
    {
        var file = new Argument<string>("file") { Description = "A file made by `pluginbot backup` (or by `migrate`, in the backups folder)." };
        var command = new Command("restore", "Replace the database with a backup. Stop the bot first; the replaced database is kept in the backups folder.") { file };
        command.SetAction((parse, _) => HostSession.RunAsync(options, error, async app =>
        {
            var database = app.Services.GetRequiredService<SqliteDatabase>();
            var source = Path.GetFullPath(parse.GetValue(file)!);
            if (Problem(source) is { } problem)
            {
                await error.WriteLineAsync($"{source} cannot be restored: {problem}. The database was not changed.");
                return CliApp.Failed;
            }

            string? kept = null;
            if (File.Exists(database.FilePath))
            {
                var folder = Path.Combine(app.Services.GetRequiredService<KernelSettings>().DataDirectory, "backups");
                Directory.CreateDirectory(folder);
                kept = Path.Combine(folder, $"pre-restore-{app.Services.GetRequiredService<TimeProvider>().GetUtcNow():yyyyMMdd-HHmmss}.db");
                Copy(database, kept);
            }

            SqliteConnection.ClearAllPools();
            var incoming = database.FilePath + ".restoring";
            File.Copy(source, incoming, overwrite: true);
            File.Delete(database.FilePath + "-wal"); // the old database's journal must not be applied to the restored one
            File.Delete(database.FilePath + "-shm");
            File.Move(incoming, database.FilePath, overwrite: true);
            await output.WriteLineAsync($"Restored {database.FilePath} from {source}.{(kept is null ? "" : $" The database it replaced is in {kept}.")} Start the bot again.");
            return CliApp.Ok;
        }));
        return command;
    }

    private static void Copy(SqliteDatabase database, string target)
    {
        using var source = database.Open();
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        destination.Open();
        source.BackupDatabase(destination);
    }

    /// <summary>Why a file is not a PluginBot database, or null.</summary>
    private static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return "no such file";
        }

        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            connection.Open();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            if (check.ExecuteScalar() is not "ok")
            {
                return "SQLite's integrity check fails on it";
            }

            check.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{StorageConventions.MigrationsHistoryTable(KernelDbContext.PluginId)}'";
            return Convert.ToInt64(check.ExecuteScalar(), CultureInfo.InvariantCulture) == 1 ? null : "it is an SQLite file, but not a PluginBot database";
        }
        catch (SqliteException ex)
        {
            return $"it is not an SQLite database ({ex.Message.TrimEnd('.')})";
        }
    }
}
