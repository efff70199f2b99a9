using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class StartTaskTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task A_task_runs_in_the_background_and_reports_its_answer_and_spend()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("The last commit looks fine.", chunks: 3));

        var id = await Host.StartAsync("review the last commit --budget 0.50", HostFixture.User);

        var task = await Host.WaitForAsync(id);
        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("The last commit looks fine.", task.Answer);
        Assert.Equal(500_000L, task.BudgetCapMicros);
        var history = await Host.HistoryAsync(id);
        Assert.Equal([TaskState.Queued, TaskState.Running, TaskState.Completed], history.Select(h => h.To));
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Text.Contains($"Task {id} completed", StringComparison.Ordinal)));
        var notice = Host.Transport.Replies.Last(r => r.Reply.Text.Contains($"Task {id} completed", StringComparison.Ordinal));
        Assert.Contains("The last commit looks fine.", notice.Reply.Text, StringComparison.Ordinal);
        Assert.Contains("spent $0.026", notice.Reply.Text, StringComparison.Ordinal);
        var call = Assert.Single(Host.Gateway.Calls);
        Assert.Equal("review the last commit", call.Messages[0].GetProperty("content").GetString());
    }
}
