using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Benchmarks;

/// <summary>The throughput case: no-op tasks, a burst and two paced streams, enqueue to completed.</summary>
internal static partial class TasksLoadHarness
{
    private static async Task<List<string>> ThroughputAsync(int count, int workers, int warmup)
    {
        var (root, plugins) = Folders("Models", "Tasks", "Costs");
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
}
