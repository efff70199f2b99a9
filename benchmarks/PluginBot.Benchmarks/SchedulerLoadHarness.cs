using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Scheduler.Firing;
using PluginBot.Plugins.Scheduler.Model;
using PluginBot.Plugins.Scheduler.Storage;
using PluginBot.Plugins.Tasks.Storage;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Benchmarks;

/// <summary>
/// The Scheduler plugin with <c>--schedules</c> schedules (10,000; a tenth paused, the rest due over the next week):
/// <list type="number">
/// <item>the due scan, the two queries the loop runs on every tick when nothing is due (the batch due now and the
/// soonest next run), on a SQLite file of its own, a fresh context per tick as the loop's scope has;</item>
/// <item>lateness: <c>--due</c> of them (1,000) fall due in the same minute in the real host (plugins from their
/// staging folders, each run a task against the fake model on 127.0.0.1); from the scheduled time to each task's
/// creation.</item>
/// </list>
/// </summary>
internal static class SchedulerLoadHarness
{
    public const string Flag = "--scheduler-load";
    private const string Model = "gpt-bench";
    private const string Token = "sk-bench-0123456789";

    public static async Task<int> RunAsync(int schedules, int due, int scans)
    {
        Console.WriteLine(FormattableString.Invariant($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {schedules:N0} schedules"));
        var scan = await ScanAsync(schedules, scans);
        var lateness = await LatenessAsync(schedules, due);
        Console.WriteLine();
        Console.WriteLine("== summary ==");
        Console.WriteLine(scan);
        Console.WriteLine(lateness);
        return 0;
    }

    private static async Task<string> ScanAsync(int schedules, int scans)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pluginbot-scheduler-{Guid.NewGuid():N}.db");
        try
        {
            var now = DateTime.UtcNow;
            await using (var db = Open(path))
            {
                await db.Database.MigrateAsync();
                db.Schedules.AddRange(Seed(schedules, now, dueCount: 0, dueAt: now));
                await db.SaveChangesAsync();
            }

            var times = new List<double>(scans);
            for (var i = 0; i < scans + 100; i++)
            {
                var watch = Stopwatch.StartNew();
                await using var db = Open(path);
                var found = await ScheduleFirer.Due(db, DateTime.UtcNow).ToListAsync();
                var earliest = await ScheduleFirer.Earliest(db).FirstOrDefaultAsync();
                if (found.Count != 0 || earliest is null)
                {
                    throw new InvalidOperationException("The scan found what it should not.");
                }

                if (i >= 100)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds); // the first hundred warm up EF's query cache and the JIT
                }
            }

            return FormattableString.Invariant($"due scan per tick, nothing due ({scans:N0} ticks): p50 {TasksLoadHarness.Percentile(times, 50):F2} ms, p99 {TasksLoadHarness.Percentile(times, 99):F2} ms, max {times.Max():F2} ms");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<string> LatenessAsync(int schedules, int due)
    {
        await using var fake = new FakeOpenAiServer { ApiKey = Token, Models = [Model] };
        await fake.StartAsync();
        var root = BenchHost.CreateRoot();
        var plugins = Path.Combine(root, "plugins");
        foreach (var name in new[] { "Models", "Tasks", "LlmGateway", "Costs", "Scheduler" })
        {
            StreamingRig.CopyFolder(Path.Combine(StreamingRig.PluginStagingFolder, name), Path.Combine(plugins, name));
        }

        var settings = new Dictionary<string, string?>
        {
            ["Plugins:LlmGateway:Url"] = new Uri(fake.BaseAddress, "/v1").ToString(),
            ["Plugins:LlmGateway:Token"] = Token,
            ["Plugins:LlmGateway:DefaultModel"] = Model,
            ["Plugins:Models:Provider"] = "gateway",
            ["Plugins:Models:Retry:MaxAttempts"] = "1",
            ["Plugins:Costs:Prices:0:Model"] = Model,
            ["Plugins:Costs:Prices:0:InputPerMillion"] = "0.15",
            ["Plugins:Costs:Prices:0:OutputPerMillion"] = "0.6",
        };
        var host = await BenchHost.BuildAsync(root, plugins, configuration: settings, services: s => s.AddSingleton<IMessengerTransport, TasksLoadHarness.NullTransport>());
        try
        {
            // The first minute boundary at least 20 s away: time enough to start and settle.
            var now = DateTime.UtcNow;
            var dueAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(now.Second >= 40 ? 2 : 1);
            await using (var db = Open(host.DatabasePath))
            {
                db.Schedules.AddRange(Seed(schedules, now, due, dueAt));
                await db.SaveChangesAsync();
            }

            await host.App.StartAsync();
            await using var tasks = new TasksDbContext(new DbContextOptionsBuilder<TasksDbContext>().UseSqlite($"Data Source={host.DatabasePath};Default Timeout=30").Options);
            var deadline = dueAt.AddSeconds(120);
            List<DateTime> created = [];
            while (DateTime.UtcNow < deadline)
            {
                created = await tasks.Tasks.AsNoTracking().Where(t => t.Origin != null && t.Origin.StartsWith("schedule:")).Select(t => t.CreatedAtUtc).ToListAsync();
                if (created.Count >= due)
                {
                    break;
                }

                await Task.Delay(200);
            }

            var late = created.Select(c => (c - dueAt).TotalMilliseconds).ToList();
            return late.Count == 0
                ? "lateness: no run was queued within two minutes"
                : FormattableString.Invariant($"lateness, {due:N0} due in one minute ({late.Count:N0} queued): p50 {TasksLoadHarness.Percentile(late, 50):F0} ms, p99 {TasksLoadHarness.Percentile(late, 99):F0} ms, max {late.Max():F0} ms");
        }
        finally
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await host.App.StopAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                // Took too long: disposing is enough for a benchmark.
            }

            await host.DisposeAsync();
        }
    }

    /// <summary>
    /// <paramref name="count"/> daily schedules of the bench users: <paramref name="dueCount"/> of them next at
    /// <paramref name="dueAt"/>, a tenth of the others paused, the rest spread over the next week.
    /// </summary>
    private static List<ScheduleRow> Seed(int count, DateTime now, int dueCount, DateTime dueAt)
    {
        var random = new Random(7);
        var ids = new HashSet<string>();
        var rows = new List<ScheduleRow>(count);
        for (var i = 0; i < count; i++)
        {
            string id;
            while (!ids.Add(id = ScheduleIds.New()))
            {
            }

            var next = i < dueCount ? dueAt : now.AddMinutes(10 + random.Next(7 * 24 * 60));
            rows.Add(new ScheduleRow
            {
                Id = id,
                OwnerId = BenchHost.UserIds[i % BenchHost.UserIds.Length],
                Expression = string.Create(CultureInfo.InvariantCulture, $"{next.Minute} {next.Hour} * * *"),
                TimeZone = "UTC",
                Prompt = "Summarize the night's alerts.",
                Paused = i >= dueCount && i % 10 == 0,
                NextRunUtc = next,
                CreatedAtUtc = now,
            });
        }

        return rows;
    }

    private static SchedulerDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={path};Default Timeout=30").Options);
}
