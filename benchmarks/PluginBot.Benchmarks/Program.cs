using System.Globalization;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Running;
using PluginBot.Benchmarks;

return args switch
{
    [StartupHarness.ChildFlag, var root, var pluginsPath] => await StartupHarness.RunChildAsync(root, pluginsPath),
    [StartupHarness.ParentFlag, ..] => await StartupHarness.RunAsync(Option(args, "--runs", 7), Option(args, "--plugins", 10)),
    [StreamLatencyHarness.Flag, ..] => await StreamLatencyHarness.RunAsync(Option(args, "--runs", 5)),
    [TelegramLoadHarness.Flag, ..] => await TelegramLoadHarness.RunAsync(
        Option(args, "--commands", 10), Option(args, "--single", 200), Option(args, "--burst", 1000), Option(args, "--scale", 20), Option(args, "--margin", 0),
        args.Contains("--burst-only")),
    [CostsLoadHarness.Flag, ..] => await CostsLoadHarness.RunAsync(
        Option(args, "--rows", 1_000_000), Option(args, "--months", 12), Option(args, "--runs", 20), Option(args, "--writes", 2000)),
    [SchedulerLoadHarness.Flag, ..] => await SchedulerLoadHarness.RunAsync(Option(args, "--schedules", 10_000), Option(args, "--due", 1000), Option(args, "--scans", 2000)),
    [TasksLoadHarness.FakeFlag, var chunks, var delay] => await TasksLoadHarness.RunFakeAsync(
        int.Parse(chunks, CultureInfo.InvariantCulture), int.Parse(delay, CultureInfo.InvariantCulture)),
    [TasksLoadHarness.Flag, ..] => await TasksLoadHarness.RunAsync(
        Option(args, "--noop", 2000), Option(args, "--noop-workers", 64), Option(args, "--noop-warmup", 6000), Option(args, "--streams", 2000), Option(args, "--resume", 100), Option(args, "--restarts", 3),
        Option(args, "--chunks", 40), Option(args, "--chunk-delay", 1000)),
    _ => RunBenchmarks(args),
};

static int Option(string[] args, string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

// Kept out of line, so that a startup child never loads BenchmarkDotNet.
[MethodImpl(MethodImplOptions.NoInlining)]
static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
    return 0;
}
