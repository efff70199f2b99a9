using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Plugins;

namespace PluginBot.Benchmarks;

/// <summary>
/// Host start to <c>/health/ready</c> = 200 with ten plugins, each start in a new child process (so JIT, assembly
/// loading and plugin discovery are paid every time). One untimed start first creates and migrates the database;
/// the timed starts reuse it, as a restart would.
/// </summary>
internal static class StartupHarness
{
    public const string ParentFlag = "--startup";
    public const string ChildFlag = "--startup-child";
    private const string ReadyPrefix = "READY ";

    public static async Task<int> RunAsync(int runs, int plugins)
    {
        var root = BenchHost.CreateRoot();
        try
        {
            var pluginsPath = BenchPlugin.CreatePluginsFolder(root, plugins);
            Console.WriteLine($"Host start to /health/ready = 200, {plugins} plugins, {runs} timed starts (+1 untimed), one process each");
            await StartChildAsync(root, pluginsPath);
            var results = new List<Timings>();
            for (var i = 1; i <= runs; i++)
            {
                var result = await StartChildAsync(root, pluginsPath);
                results.Add(result);
                Console.WriteLine(FormattableString.Invariant(
                    $"  run {i}: spawn to ready {result.Wall,6:0} ms | process start to ready {result.SinceProcessStart,6:0} | Build to ready {result.InProcess,6:0} (built {result.Built:0}, started {result.Started:0})"));
            }

            Report("spawn to ready (parent's clock)", results.Select(r => r.Wall));
            Report("process start to ready", results.Select(r => r.SinceProcessStart));
            Report("PluginBotHost.Build to ready", results.Select(r => r.InProcess));
            Report("  of which Build + database", results.Select(r => r.Built));
            Report("  of which up to StartAsync done", results.Select(r => r.Started));
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>In the child: build, prepare, start Kestrel, poll readiness, print the figures, stop.</summary>
    public static async Task<int> RunChildAsync(string root, string pluginsPath)
    {
        var clock = Stopwatch.StartNew();
        await using var host = await BenchHost.BuildAsync(root, pluginsPath, deleteRoot: false);
        var built = clock.Elapsed.TotalMilliseconds;
        var inactive = host.Services.GetRequiredService<PluginCatalog>().Plugins.Where(p => p.Status != PluginStatus.Active).ToList();
        if (inactive.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Plugin {inactive[0].Manifest.Id} is {inactive[0].Status}: {inactive[0].Reason}");
            return 1;
        }

        await host.App.StartAsync();
        var started = clock.Elapsed.TotalMilliseconds;
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        while (!(await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
        {
            await Task.Delay(5);
        }

        var inProcess = clock.Elapsed.TotalMilliseconds;
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Console.WriteLine(FormattableString.Invariant($"{ReadyPrefix}{inProcess:0.0} {sinceStart:0.0} {built:0.0} {started:0.0}"));
        await host.App.StopAsync();
        return 0;
    }

    private static async Task<Timings> StartChildAsync(string root, string pluginsPath)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(StartupHarness).Assembly.Location);
        }

        foreach (var argument in new[] { ChildFlag, root, pluginsPath })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start)!;
        Timings? result = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (result is null && line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
            {
                var wall = clock.Elapsed.TotalMilliseconds;
                var parts = line[ReadyPrefix.Length..].Split(' ');
                var ms = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                result = new Timings(wall, ms[0], ms[1], ms[2], ms[3]);
            }
        }

        await child.WaitForExitAsync();
        return child.ExitCode == 0 && result is { } ok ? ok : throw new InvalidOperationException($"The child host exited with {child.ExitCode} before reporting ready.");
    }

    private static void Report(string what, IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1]; // nearest rank
        Console.WriteLine(FormattableString.Invariant($"{what,-34} median {median,7:0} ms   p90 {p90,7:0} ms   min {sorted[0],7:0} ms   max {sorted[^1],7:0} ms"));
    }

    /// <summary>Milliseconds: the parent's spawn-to-ready, and the child's own clock from entering the harness.</summary>
    private sealed record Timings(double Wall, double InProcess, double SinceProcessStart, double Built, double Started);
}
