using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Benchmarks;

/// <summary>The restart case: 100 tasks a crash left Running, taken back by a host with the same instance id.</summary>
internal static partial class TasksLoadHarness
{
    private static async Task<string> RestartAsync(int count, int run)
    {
        await using var fake = new FakeOpenAiServer { ApiKey = Token, Models = [Model], DefaultReply = FakeReply.Hanging() };
        await fake.StartAsync();
        var (root, plugins) = Folders("Models", "Tasks", "LlmGateway", "Costs");
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
}
