using PluginBot.Plugins.Scheduler.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Scheduler.Tests.Firing;

/// <summary>Two hosts on one database file, each with its own scheduler loop: one task per occurrence, never two.</summary>
public sealed class TwoProcessTests
{
    [Fact]
    public async Task Two_processes_on_one_database_queue_exactly_one_task_per_occurrence()
    {
        var database = Path.Combine(Path.GetTempPath(), "pluginbot-tests", $"two-schedulers-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var first = new SchedulerFixture { DatabasePath = database };
        var second = new SchedulerFixture { DatabasePath = database };
        await first.InitializeAsync();
        await second.InitializeAsync();
        try
        {
            var id = await first.CreateAsync("--cron \"* * * * *\" --overlap queue tick");
            var start = SchedulerFixture.Start;
            for (var minute = 1; minute <= 5; minute++)
            {
                // Both clocks cross the minute together, so both loops find the occurrence due; time goes on passing
                // (never into the next minute) until it is queued, so a loop that was busy wakes again.
                var due = start.AddMinutes(minute);
                var at = due;
                var expected = minute;
                await Eventually.UntilAsync(async () =>
                {
                    if (at < due.AddSeconds(50))
                    {
                        at = at.AddMilliseconds(200);
                        first.AdvanceTo(at);
                        second.AdvanceTo(at);
                    }

                    return (await first.TasksOfAsync(id)).Count >= expected;
                });
            }

            // Time to show a second task per occurrence, if one were coming.
            for (var i = 1; i <= 10; i++)
            {
                first.AdvanceTo(start.AddMinutes(5).AddSeconds(50 + (i / 2.0)));
                second.AdvanceTo(start.AddMinutes(5).AddSeconds(50 + (i / 2.0)));
                await Task.Delay(50);
            }

            var tasks = await second.TasksOfAsync(id);
            Assert.Equal(5, tasks.Count);
            var card = (await first.CommandAsync($"/schedule {id}")).Text;
            var lastRuns = card[card.IndexOf("Last runs:", StringComparison.Ordinal)..];
            Assert.Equal(5, lastRuns.Split('\n').Count(line => line.StartsWith("• ", StringComparison.Ordinal)));
        }
        finally
        {
            await second.DisposeAsync();
            await first.DisposeAsync();
        }
    }
}
