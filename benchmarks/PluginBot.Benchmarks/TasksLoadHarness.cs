using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.Loader;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Benchmarks;

/// <summary>
/// The Tasks plugin under load, in the real host (plugins loaded from their staging folders, logging at Warning):
/// <list type="number">
/// <item>restart: 100 tasks left Running by this instance (as a crash leaves them), then a host with the same
/// <c>InstanceId</c> is started; time from <c>StartAsync</c> to all 100 running again, and to all 100 model calls at the fake;</item>
/// <item>throughput: tasks of a no-op executor on SQLite, a burst and a paced stream, enqueue to completed;</item>
/// <item>2,000 tasks streaming from a slow fake model at once: memory per task and CPU.</item>
/// </list>
/// Task rows are inserted beside the host on its database file (the host loads the plugin in its own load context,
/// so its services cannot be resolved with this assembly's types), then the workers are woken through the plugin's
/// <c>TaskSignal</c>, as <c>TaskCreator</c> does.
/// </summary>
internal static partial class TasksLoadHarness
{
    public const string Flag = "--tasks-load";
    public const string FakeFlag = "--tasks-fake";
    private const string Model = "gpt-bench";
    private const string Token = "sk-bench-0123456789";
    private const string InstanceId = "bench-restart";

    public static async Task<int> RunAsync(int noop, int noopWorkers, int noopWarmup, int streams, int resume, int restarts, int chunks, int chunkDelayMs)
    {
        Console.WriteLine(FormattableString.Invariant($"{Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, .NET {Environment.Version}"));
        var restartRows = new List<string>();
        for (var i = 1; i <= restarts; i++)
        {
            restartRows.Add(await RestartAsync(resume, i));
        }

        var noopRows = noop > 0 ? await ThroughputAsync(noop, noopWorkers, noopWarmup) : [];
        var streamRows = streams > 0 ? await StreamsAsync(streams, chunks, chunkDelayMs) : [];

        Console.WriteLine();
        Console.WriteLine("== summary ==");
        foreach (var row in restartRows.Concat(noopRows).Concat(streamRows))
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    /// <summary>The fake model in a child process, so that its connections and recordings are not counted as the host's.</summary>
    public static async Task<int> RunFakeAsync(int chunks, int chunkDelayMs)
    {
        await using var fake = new FakeOpenAiServer
        {
            ApiKey = Token,
            Models = [Model],
            DefaultReply = FakeReply.WithText(Text(chunks), chunks) with { ChunkDelay = TimeSpan.FromMilliseconds(chunkDelayMs) },
        };
        await fake.StartAsync();
        Console.WriteLine($"url {fake.BaseAddress}");
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line == "calls")
            {
                Console.WriteLine(FormattableString.Invariant($"calls {fake.Calls.Count}"));
            }
        }

        return 0;
    }

    // ---- shared (the cases are in TasksLoadHarness.<Case>.cs) --------------------------------------------------------

    private static Dictionary<string, string?> Settings(Uri? fake, int workers)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Plugins:Tasks:Workers"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Plugins:Tasks:MaxRunning"] = workers.ToString(CultureInfo.InvariantCulture),
            ["Plugins:Tasks:InstanceId"] = InstanceId,
        };
        settings["Plugins:Costs:Prices:0:Model"] = Model; // priced, so the Costs plugin has no "unpriced model" notice to send
        settings["Plugins:Costs:Prices:0:InputPerMillion"] = "0.15";
        settings["Plugins:Costs:Prices:0:OutputPerMillion"] = "0.6";
        if (fake is not null)
        {
            settings["Plugins:LlmGateway:Url"] = new Uri(fake, "/v1").ToString();
            settings["Plugins:LlmGateway:Token"] = Token;
            settings["Plugins:LlmGateway:DefaultModel"] = Model;
            settings["Plugins:Models:Provider"] = "gateway";
            settings["Plugins:Models:MaxConcurrency"] = (workers + 100).ToString(CultureInfo.InvariantCulture);
            settings["Plugins:Models:Retry:MaxAttempts"] = "1";
        }

        return settings;
    }

    private static void AddBenchServices(IServiceCollection services)
    {
        services.AddSingleton<ITaskExecutor, NoopExecutor>();
        services.AddSingleton<IMessengerTransport, NullTransport>();
    }

    private static (string Root, string Plugins) Folders(params string[] names)
    {
        var root = BenchHost.CreateRoot();
        var plugins = Path.Combine(root, "plugins");
        foreach (var name in names)
        {
            StreamingRig.CopyFolder(Path.Combine(StreamingRig.PluginStagingFolder, name), Path.Combine(plugins, name));
        }

        return (root, plugins);
    }

    private static async Task<List<string>> QueueAsync(BenchHost host, string executor, int count)
    {
        await using var db = Open(host.DatabasePath);
        var now = DateTime.UtcNow;
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var task = NewTask(executor, i, now);
            ids.Add(task.Id);
            db.Tasks.Add(task);
            db.Transitions.Add(new TransitionRow { TaskId = task.Id, To = TaskState.Queued, AtUtc = now, By = "bench", Reason = "created" });
        }

        await db.SaveChangesAsync();
        return ids;
    }

    // Every row here is inserted by this harness, so remembering the ids drawn is enough to never repeat one (as
    // TaskStore.AddAsync redraws on a clash: six random characters do clash now and then over thousands of rows).
    private static readonly HashSet<string> IdsDrawn = [];

    private static string NewId()
    {
        lock (IdsDrawn)
        {
            string id;
            while (!IdsDrawn.Add(id = TaskIds.New()))
            {
            }

            return id;
        }
    }

    private static TaskRow NewTask(string executor, int i, DateTime now) => new()
    {
        Id = NewId(),
        OwnerId = BenchHost.UserIds[i % BenchHost.UserIds.Length],
        OwnerKind = "User",
        Prompt = "Stream a long answer.",
        Executor = executor,
        Status = TaskState.Queued,
        CreatedAtUtc = now,
    };

    /// <summary>Wakes the host's workers through the plugin's own <c>TaskSignal</c> (a type of the plugin's load context).</summary>
    private static Action Signal(BenchHost host)
    {
        foreach (var assembly in AssemblyLoadContext.All.Where(c => c != AssemblyLoadContext.Default).SelectMany(c => c.Assemblies))
        {
            if (assembly.GetName().Name == "PluginBot.Plugins.Tasks"
                && assembly.GetType("PluginBot.Plugins.Tasks.Engine.TaskSignal") is { } type
                && host.Services.GetService(type) is { } signal)
            {
                var notify = type.GetMethod("Notify")!;
                return () => notify.Invoke(signal, null);
            }
        }

        throw new InvalidOperationException("The Tasks plugin is not loaded in this host.");
    }

    private static TasksDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<TasksDbContext>().UseSqlite($"Data Source={path};Default Timeout=30").Options);

    private static async Task StopAsync(BenchHost host)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.App.StopAsync(limit.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            // Not started, or took too long: disposing is enough for a benchmark.
        }

        await host.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string Ms(double? ms) => ms is { } value ? FormattableString.Invariant($"{value:N0} ms") : "(not reached)";

    private static string Text(int chunks)
    {
        var text = new StringBuilder();
        while (text.Length < chunks * 20)
        {
            text.Append("The quick brown fox jumps over the lazy dog. ");
        }

        return text.ToString(0, chunks * 20);
    }

    /// <summary>Nearest-rank percentile.</summary>
    internal static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>Completes at once: what the engine costs per task, without any work of the task's own.</summary>
    private sealed class NoopExecutor : ITaskExecutor
    {
        public string Kind => "noop";

        public Task<TaskResult> RunAsync(ITaskExecution execution, CancellationToken cancellationToken) =>
            Task.FromResult(new TaskResult("done"));
    }

    /// <summary>A transport that delivers nothing, so completion notices cost only the engine's side.</summary>
    internal sealed class NullTransport : IMessengerTransport
    {
        private int _next;

        public string Name => "bench";

        public Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken) =>
            Task.FromResult(new MessageReference(conversation.Transport, conversation.ChatId, conversation.ThreadId, Interlocked.Increment(ref _next).ToString(CultureInfo.InvariantCulture)));

        public Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task DeleteAsync(MessageReference message, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SendActivityAsync(ConversationReference conversation, PluginBot.Abstractions.Replies.ActivityKind activity, CancellationToken cancellationToken) => Task.CompletedTask;

        public ConversationReference PrivateConversation(long userId) => new("bench", userId.ToString(CultureInfo.InvariantCulture));
    }
}
