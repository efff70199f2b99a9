using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;

namespace PluginBot.Benchmarks;

/// <summary>The streaming case: thousands of tasks streaming from a slow fake model at once; memory and CPU.</summary>
internal static partial class TasksLoadHarness
{
    private static async Task<List<string>> StreamsAsync(int count, int chunks, int chunkDelayMs)
    {
        using var fake = StartFake(chunks, chunkDelayMs, out var fakeAddress);
        var (root, plugins) = Folders("Models", "Tasks", "LlmGateway", "Costs");
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
}
