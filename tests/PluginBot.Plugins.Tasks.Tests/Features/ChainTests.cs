using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class ChainTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task A_task_after_another_waits_for_it_to_complete_then_runs()
    {
        Host.Gateway.Enqueue(new FakeReply { Text = "first done", Chunks = 4, ChunkDelay = TimeSpan.FromMilliseconds(100) });
        var first = await Host.StartAsync("first", HostFixture.User);
        var second = await Host.StartAsync($"second --after {first}", HostFixture.User);

        Assert.Equal(TaskState.Waiting, (await Host.TaskAsync(second))!.Status);
        var card = Host.Transport.Replies.First(r => r.Reply.Text.StartsWith($"Task {second}", StringComparison.Ordinal));
        Assert.Contains($"Starts when task {first} completes", card.Reply.Text, StringComparison.Ordinal);

        var done = await Host.WaitForAsync(second);
        var before = await Host.TaskAsync(first);
        Assert.Equal(TaskState.Completed, done.Status);
        Assert.True(done.StartedAtUtc >= before!.FinishedAtUtc);
        Assert.Equal([TaskState.Waiting, TaskState.Queued, TaskState.Running, TaskState.Completed], (await Host.HistoryAsync(second)).Select(h => h.To));
    }

    [Fact]
    public async Task A_task_after_one_that_fails_fails_with_that_reason()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var first = await Host.StartAsync("first", HostFixture.User);
        var second = await Host.StartAsync($"second --after {first}", HostFixture.User);
        var third = await Host.StartAsync($"third --after {second}", HostFixture.User);
        await Eventually.UntilAsync(() => Host.Gateway.Calls.Count == 1);

        await Host.CommandAsync($"/taskstop {first}", HostFixture.User);

        var failed = await Host.WaitForAsync(second);
        Assert.Equal(TaskState.Failed, failed.Status);
        Assert.Equal($"task {first} it runs after ended cancelled", failed.Error);
        var chained = await Host.WaitForAsync(third);
        Assert.Equal(TaskState.Failed, chained.Status);
        Assert.StartsWith($"task {second} it runs after ended failed: task {first}", chained.Error, StringComparison.Ordinal);
        Assert.Single(Host.Gateway.Calls);
    }
}
