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
internal static class TasksLoadHarness
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

    // ---- 1. restart ---------------------------------------------------------------------------------------------

    private static async Task<string> RestartAsync(int count, int run)
    {
        await using var fake = new FakeOpenAiServer { ApiKey = Token, Models = [Model], DefaultReply = FakeReply.Hanging() };
        await fake.StartAsync();
        var (root, plugins) = Folders("Tasks", "LlmGateway", "Costs");
        var host = await BenchHost.BuildAsync(root, plugins, configuration: Settings(fake.BaseAddress, count + 28), services: AddBenchServices);
        try
        {
            // What a crash leaves: rows Running under this instance's lease, which has not run out.
            var now = DateTime.UtcNow;
            await using (var db = Open(host.DatabasePath))
            {
                for (var i = 0; i < count; i++)
                {
                    var task = NewTask("agent", i, now.AddSeconds(-30));
                    (task.Status, task.LeaseOwner, task.LeaseUntilUtc, task.StartedAtUtc, task.Version) = (TaskState.Running, InstanceId, now.AddSeconds(50), now.AddSeconds(-20), 1);
                    db.Tasks.Add(task);
                }

                await db.SaveChangesAsync();
            }

            await using var poll = Open(host.DatabasePath);
            var clock = Stopwatch.StartNew();
            double? allRunning = null, allCalled = null, firstCalled = null;
            var watching = Task.Run(async () =>
            {
                while (clock.Elapsed < TimeSpan.FromSeconds(60) && (allRunning is null || allCalled is null))
                {
                    var calls = fake.Calls.Count;
                    if (calls > 0)
                    {
                        firstCalled ??= clock.Elapsed.TotalMilliseconds;
                    }

                    if (calls >= count)
                    {
                        allCalled ??= clock.Elapsed.TotalMilliseconds;
                    }

                    await Task.Delay(1);
                }
            });
            var startTask = host.App.StartAsync();
            while (clock.Elapsed < TimeSpan.FromSeconds(60) && allRunning is null)
            {
                // Resumed is set by the claim that takes an interrupted task back, with a new lease.
                if (await poll.Tasks.AsNoTracking().CountAsync(t => t.Status == TaskState.Running && t.Resumed && t.LeaseOwner == InstanceId) >= count)
                {
                    allRunning = clock.Elapsed.TotalMilliseconds;
                }
                else
                {
                    await Task.Delay(5);
                }
            }

            await startTask;
            await watching;
            var row = FormattableString.Invariant(
                $"restart {run}{(run == 1 ? " (first host in the process)" : ""),-29}: {count} interrupted -> all running again {Ms(allRunning),8} | first model call {Ms(firstCalled),8} | all {count} model calls {Ms(allCalled),8}");
            Console.WriteLine(row);
            return row;
        }
        finally
        {
            await StopAsync(host);
        }
    }

    // ---- 2. throughput --------------------------------------------------------------------------------------------

    private static async Task<List<string>> ThroughputAsync(int count, int workers, int warmup)
    {
        var (root, plugins) = Folders("Tasks", "Costs");
        var host = await BenchHost.BuildAsync(root, plugins, configuration: Settings(null, workers), services: AddBenchServices);
        var rows = new List<string> { FormattableString.Invariant($"no-op executor, Workers = MaxRunning = {workers}") };
        try
        {
            await host.App.StartAsync();
            var signal = Signal(host);
            // Until the JIT has settled: tiered compilation with dynamic PGO recompiles the hot paths (EF's above all)
            // for many seconds of load; a few hundred tasks leave most of that inside the figures that follow.
            await BurstAsync(host, signal, warmup, "warm-up");
            rows.Add(await BurstAsync(host, signal, count, "burst"));
            rows.Add(await PacedAsync(host, signal, 100, TimeSpan.FromSeconds(4)));
            rows.Add(await PacedAsync(host, signal, 250, TimeSpan.FromSeconds(4)));
            return rows;
        }
        finally
        {
            await StopAsync(host);
        }
    }

    /// <summary><paramref name="count"/> no-op tasks queued in one transaction; until all are completed.</summary>
    private static async Task<string> BurstAsync(BenchHost host, Action signal, int count, string name)
    {
        var ids = new List<string>(count);
        var cpu = Cpu();
        var wall = Stopwatch.StartNew();
        await using (var db = Open(host.DatabasePath))
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var task = NewTask("noop", i, now);
                ids.Add(task.Id);
                db.Tasks.Add(task);
                db.Transitions.Add(new TransitionRow { TaskId = task.Id, To = TaskState.Queued, AtUtc = now, By = "bench", Reason = "created" });
            }

            await db.SaveChangesAsync();
        }

        signal();
        await WaitCompletedAsync(host, ids, TimeSpan.FromSeconds(60));
        var elapsed = wall.Elapsed;
        var cpuUsed = (Cpu() - cpu).TotalMilliseconds / elapsed.TotalMilliseconds;
        return await ReportAsync(host, ids, $"no-op {name}, {count:N0} queued at once", cpuUsed, elapsed);
    }

    /// <summary>No-op tasks queued one by one at <paramref name="perSecond"/> for <paramref name="duration"/>.</summary>
    private static async Task<string> PacedAsync(BenchHost host, Action signal, int perSecond, TimeSpan duration)
    {
        var ids = new List<string>();
        var cpu = Cpu();
        var wall = Stopwatch.StartNew();
        await using (var db = Open(host.DatabasePath))
        {
            var total = (int)(perSecond * duration.TotalSeconds);
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / perSecond);
                if (due > wall.Elapsed)
                {
                    await Task.Delay(due - wall.Elapsed);
                }

                var now = DateTime.UtcNow;
                var task = NewTask("noop", i, now);
                ids.Add(task.Id);
                db.Tasks.Add(task);
                db.Transitions.Add(new TransitionRow { TaskId = task.Id, To = TaskState.Queued, AtUtc = now, By = "bench", Reason = "created" });
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                signal();
            }
        }

        await WaitCompletedAsync(host, ids, TimeSpan.FromSeconds(60));
        var elapsed = wall.Elapsed;
        var cpuUsed = (Cpu() - cpu).TotalMilliseconds / elapsed.TotalMilliseconds;
        return await ReportAsync(host, ids, $"no-op paced, {perSecond}/s for {duration.TotalSeconds:0} s", cpuUsed, elapsed);
    }

    private static async Task<string> ReportAsync(BenchHost host, List<string> ids, string name, double cpu, TimeSpan wall)
    {
        await using var db = Open(host.DatabasePath);
        var set = ids.ToHashSet();
        var done = (await db.Tasks.AsNoTracking().Where(t => t.Status == TaskState.Completed).Select(t => new { t.Id, t.CreatedAtUtc, t.FinishedAtUtc }).ToListAsync())
            .Where(t => set.Contains(t.Id)).ToList();
        var claimed = (await db.Transitions.AsNoTracking().Where(t => t.To == TaskState.Running).Select(t => new { t.TaskId, t.AtUtc }).ToListAsync())
            .Where(t => set.Contains(t.TaskId)).GroupBy(t => t.TaskId).ToDictionary(g => g.Key, g => g.Min(t => t.AtUtc));
        var latencies = done.Select(t => (t.FinishedAtUtc!.Value - t.CreatedAtUtc).TotalMilliseconds).ToList();
        var waits = done.Select(t => (claimed[t.Id] - t.CreatedAtUtc).TotalMilliseconds).ToList();
        var runs = done.Select(t => (t.FinishedAtUtc!.Value - claimed[t.Id]).TotalMilliseconds).ToList();
        var row = FormattableString.Invariant(
            $"{name,-40}: {done.Count / wall.TotalSeconds,5:N0} tasks/s | enqueue->completed p50 {Percentile(latencies, 50),6:N0} ms p95 {Percentile(latencies, 95),6:N0} ms (queued p50 {Percentile(waits, 50),5:N0}, claimed->completed p50 {Percentile(runs, 50),5:N0} p95 {Percentile(runs, 95),5:N0}) | CPU {cpu:F2} cores");
        Console.WriteLine(row);
        return row;
    }

    private static async Task WaitCompletedAsync(BenchHost host, List<string> ids, TimeSpan limit)
    {
        await using var db = Open(host.DatabasePath);
        var clock = Stopwatch.StartNew();
        var last = ids[^1];
        while (true)
        {
            var open = await db.Tasks.AsNoTracking().CountAsync(t => t.Status == TaskState.Queued || t.Status == TaskState.Running || t.Status == TaskState.Interrupted);
            if (await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Status == TaskState.Failed || t.Status == TaskState.Cancelled || t.Status == TaskState.BudgetExceeded) is { } failed)
            {
                throw new InvalidOperationException($"Task {failed.Id} ended {failed.Status}: {failed.Error}");
            }

            if (open == 0)
            {
                return;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{open} task(s) still open after {limit.TotalSeconds} s (last queued: {last}).");
            }

            await Task.Delay(10);
        }
    }

    // ---- 3. streaming -----------------------------------------------------------------------------------------------

    private static async Task<List<string>> StreamsAsync(int count, int chunks, int chunkDelayMs)
    {
        using var fake = StartFake(chunks, chunkDelayMs, out var fakeAddress);
        var (root, plugins) = Folders("Tasks", "LlmGateway", "Costs");
        var host = await BenchHost.BuildAsync(root, plugins, configuration: Settings(fakeAddress, count), services: AddBenchServices);
        try
        {
            await host.App.StartAsync();
            var signal = Signal(host);

            // Warm-up: a few streams through the same path, so that what follows is not JIT.
            var warm = await QueueAsync(host, "agent", 50);
            signal();
            await WaitCompletedAsync(host, warm, TimeSpan.FromSeconds(60));
            var (heapBefore, workingSetBefore) = Memory();
            var callsBefore = Calls(fake);

            var ids = await QueueAsync(host, "agent", count);
            var cpu = Cpu();
            var wall = Stopwatch.StartNew();
            signal();
            await using var poll = Open(host.DatabasePath);
            double? allCalled = null;
            while (wall.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (Calls(fake) - callsBefore >= count)
                {
                    allCalled = wall.Elapsed.TotalMilliseconds;
                    break;
                }

                await Task.Delay(50);
            }

            var running = await poll.Tasks.AsNoTracking().CountAsync(t => t.Status == TaskState.Running);
            var completedAtPeak = await poll.Tasks.AsNoTracking().CountAsync(t => t.Status == TaskState.Completed) - warm.Count;
            var (heap, workingSet) = Memory();
            var cpuToPeak = (Cpu() - cpu).TotalMilliseconds / wall.Elapsed.TotalMilliseconds;
            Console.WriteLine(FormattableString.Invariant(
                $"  {count:N0} model calls in flight after {Ms(allCalled)}; {running:N0} tasks Running, {completedAtPeak:N0} already completed; heap {heapBefore / 1048576.0:N1} -> {heap / 1048576.0:N1} MB, working set {workingSetBefore / 1048576.0:N1} -> {workingSet / 1048576.0:N1} MB"));
            await WaitCompletedAsync(host, ids, TimeSpan.FromSeconds(120));
            var elapsed = wall.Elapsed;
            var cpuUsed = (Cpu() - cpu).TotalMilliseconds / elapsed.TotalMilliseconds;
            var perTask = (double)count;
            var rows = new List<string>
            {
                FormattableString.Invariant(
                    $"{count:N0} streaming tasks ({chunks} chunks x {chunkDelayMs} ms)  : all calls in flight after {Ms(allCalled)}, all completed after {elapsed.TotalMilliseconds:N0} ms"),
                FormattableString.Invariant(
                    $"  memory per task (/ {count:N0}; {running:N0} running, after a full GC): managed heap {(heap - heapBefore) / perTask / 1024:N1} KB | working set {(workingSet - workingSetBefore) / perTask / 1024:N1} KB"),
                FormattableString.Invariant(
                    $"  CPU (process CPU time / wall time)                   : {cpuToPeak:F2} cores while ramping up, {cpuUsed:F2} cores from enqueue to all completed ({cpuUsed / Environment.ProcessorCount:P0} of {Environment.ProcessorCount})"),
            };
            foreach (var row in rows)
            {
                Console.WriteLine(row);
            }

            return rows;
        }
        finally
        {
            await StopAsync(host);
        }
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    private static Process StartFake(int chunks, int chunkDelayMs, out Uri address)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(TasksLoadHarness).Assembly.Location);
        }

        foreach (var argument in new[] { FakeFlag, chunks.ToString(CultureInfo.InvariantCulture), chunkDelayMs.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        var child = Process.Start(start)!;
        var line = child.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The fake model did not start.");
        address = new Uri(line["url ".Length..]);
        return child;
    }

    private static int Calls(Process fake)
    {
        lock (fake)
        {
            fake.StandardInput.WriteLine("calls");
            fake.StandardInput.Flush();
            return int.Parse(fake.StandardOutput.ReadLine()!["calls ".Length..], CultureInfo.InvariantCulture);
        }
    }

    // ---- shared -----------------------------------------------------------------------------------------------------

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
            settings["Models:Provider"] = "gateway";
            settings["Models:MaxConcurrency"] = (workers + 100).ToString(CultureInfo.InvariantCulture);
            settings["Models:Retry:MaxAttempts"] = "1";
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

    private static double Percentile(List<double> values, int percentile)
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
    private sealed class NullTransport : IMessengerTransport
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
