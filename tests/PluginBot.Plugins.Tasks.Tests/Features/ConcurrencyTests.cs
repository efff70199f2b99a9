using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class ConcurrencyTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task A_flood_of_tasks_never_runs_more_than_the_global_and_per_project_limits()
    {
        Host.Gateway.DefaultReply = new FakeReply { Text = "ok", Chunks = 2, ChunkDelay = TimeSpan.FromMilliseconds(40) };
        var projects = new[] { "web", "docs", null };
        var starts = Enumerable.Range(0, 36).Select(i =>
        {
            var project = projects[i % 3] is { } p ? $" --project {p}" : "";
            return Host.CommandAsync($"/task job {i}{project}", i % 2 == 0 ? HostFixture.User : HostFixture.OtherUser);
        });
        var replies = await Task.WhenAll(starts);
        Assert.All(replies, r => Assert.False(r.IsProblem, r.Text));

        var tasks = await Host.TasksAsync();
        Assert.Equal(36, tasks.Count);
        foreach (var task in tasks)
        {
            Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(task.Id, timeout: TimeSpan.FromSeconds(60))).Status);
        }

        var spans = new List<(string? Project, long From, long To)>();
        foreach (var task in tasks)
        {
            var history = await Host.HistoryAsync(task.Id);
            spans.Add((task.Project, history.Single(h => h.To == TaskState.Running).Id, history.Single(h => h.To == TaskState.Completed).Id));
        }

        // Transition ids are the order of commits: the most spans open at one id is the most that ran at once.
        Assert.InRange(MostAtOnce(spans), 2, 8);
        Assert.Equal(1, MostAtOnce(spans.Where(s => s.Project == "web")));
        Assert.InRange(MostAtOnce(spans.Where(s => s.Project == "docs")), 1, 3);
    }

    [Fact]
    public async Task A_long_queue_in_a_project_at_its_limit_does_not_hold_up_another_projects_task()
    {
        Host.Gateway.Enqueue(FakeReply.Hanging());
        var blocking = await Host.StartAsync("web job 0 --project web", HostFixture.User);
        await Host.WaitForAsync(blocking, TaskState.Running);
        for (var i = 1; i <= 40; i++)
        {
            Assert.False((await Host.CommandAsync($"/task web job {i} --project web", HostFixture.User)).IsProblem);
        }

        var docs = await Host.StartAsync("docs job --project docs", HostFixture.User);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(docs)).Status);
        Assert.Equal(40, (await Host.TasksAsync()).Count(t => t.Project == "web" && t.Status == TaskState.Queued));
        await Host.CommandAsync($"/taskstop {blocking}", HostFixture.User);
    }

    private static int MostAtOnce(IEnumerable<(string? Project, long From, long To)> spans)
    {
        var events = spans.SelectMany(s => new[] { (At: s.From, Change: 1), (At: s.To, Change: -1) }).OrderBy(e => e.At);
        int open = 0, most = 0;
        foreach (var (_, change) in events)
        {
            open += change;
            most = Math.Max(most, open);
        }

        return most;
    }
}
