using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Events;
using PluginBot.Abstractions.Storage;
using PluginBot.Abstractions.Tasks;
using PluginBot.Host.Storage;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using PluginBot.Plugins.Telegram.Storage;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PluginBot.Benchmarks;

/// <summary>
/// What <c>PRAGMA synchronous</c> (WAL) costs on the two write paths that matter: the update path (a polled batch of
/// updates written to the inbox with the new offset in one transaction, then each update marked handled) and the task
/// path (a task created, claimed, checkpointed after each of three steps, finished). The plugins' own stores
/// (<c>UpdateInbox</c>, <c>TaskStore</c>) run on their own contexts over a connection from the kernel's
/// <see cref="SqliteDatabase"/>, on a temp file on the same disk as the temp folder. Run with
/// <c>--filter *Durability*</c>.
/// </summary>
[MemoryDiagnoser]
public class DurabilityBenchmarks : IDisposable
{
    private const int Batch = 10;
    private const int Steps = 3;

    private string _folder = "";
    private SqliteConnection _connection = null!;
    private TelegramDbContext _telegram = null!;
    private TasksDbContext _tasks = null!;
    private UpdateInbox _inbox = null!;
    private TaskStore _store = null!;
    private int _nextUpdate = 1;

    [Params("NORMAL", "FULL")]
    public string Synchronous { get; set; } = "NORMAL";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("pluginbot-durability-").FullName;
        var database = new SqliteDatabase(
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "bench.db"), Pooling = false }.ToString(),
            Synchronous == "FULL" ? SqliteSynchronous.Full : SqliteSynchronous.Normal);
        database.Initialise();
        _connection = database.Open();
        _telegram = new TelegramDbContext(new DbContextOptionsBuilder<TelegramDbContext>()
            .UseSqlite(_connection, o => o.MigrationsHistoryTable(StorageConventions.MigrationsHistoryTable("telegram"))).Options);
        _tasks = new TasksDbContext(new DbContextOptionsBuilder<TasksDbContext>()
            .UseSqlite(_connection, o => o.MigrationsHistoryTable(StorageConventions.MigrationsHistoryTable("tasks"))).Options);
        _telegram.Database.Migrate();
        _tasks.Database.Migrate();
        _tasks.Database.ExecuteSqlRaw("CREATE TABLE bench_outbox (Id INTEGER PRIMARY KEY, Type TEXT NOT NULL, Json TEXT NOT NULL)");
        _inbox = new UpdateInbox(_telegram, TimeProvider.System);
        _store = new TaskStore(_tasks, new TableOutbox(), TimeProvider.System);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _telegram?.Dispose();
        _tasks?.Dispose();
        _connection?.Dispose();
        SqliteConnection.ClearAllPools();
        if (_folder.Length > 0 && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Ten updates: one inbox transaction, then ten marks (eleven commits).</summary>
    [Benchmark]
    public async Task UpdateBatch()
    {
        var updates = Enumerable.Range(_nextUpdate, Batch).Select(id => new Update
        {
            Id = id,
            Message = new Message { Id = id, Date = DateTime.UtcNow, Chat = new Chat { Id = 42, Type = Telegram.Bot.Types.Enums.ChatType.Private }, Text = "/whoami" },
        }).ToList();
        _nextUpdate += Batch;
        foreach (var update in await _inbox.AddAsync(updates, CancellationToken.None))
        {
            await _inbox.MarkHandledAsync(update.Id, CancellationToken.None);
        }
    }

    /// <summary>One task: created, claimed, three checkpoints with their output, completed (six commits).</summary>
    [Benchmark]
    public async Task TaskLifecycle()
    {
        var task = await _store.AddAsync(new TaskRow { OwnerId = 42, OwnerKind = "User", Prompt = "summarise the release notes", Executor = "agent", Status = TaskState.Queued }, "bench", CancellationToken.None);
        await _store.MoveAsync(task.Id, [TaskState.Queued], TaskState.Running, "bench", "claimed", t => (t.LeaseOwner, t.LeaseUntilUtc) = ("bench", DateTime.UtcNow.AddSeconds(30)));
        for (var step = 1; step <= Steps; step++)
        {
            var at = step;
            await _store.MoveAsync(task.Id, [TaskState.Running], TaskState.Running, "bench", null, t => (t.Step, t.CheckpointJson) = (at, Checkpoint(at)), "bench", unsavedOutput: $"output of step {at}");
        }

        await _store.MoveAsync(task.Id, [TaskState.Running], TaskState.Completed, "bench", "done", t => t.Answer = "done", "bench");
    }

    private static string Checkpoint(int step) => JsonSerializer.Serialize(new { step, messages = Enumerable.Range(0, step * 2).Select(i => new { role = i % 2 == 0 ? "user" : "assistant", text = new string('x', 400) }) });

    /// <summary>The kernel outbox's write: one row in the caller's transaction.</summary>
    private sealed class TableOutbox : IOutbox
    {
        public Task EnqueueAsync(DbContext through, IDurableEvent durableEvent, CancellationToken cancellationToken = default) =>
            through.Database.ExecuteSqlRawAsync("INSERT INTO bench_outbox (Type, Json) VALUES ({0}, {1})", [durableEvent.GetType().Name, JsonSerializer.Serialize<object>(durableEvent)], cancellationToken);
    }
}
