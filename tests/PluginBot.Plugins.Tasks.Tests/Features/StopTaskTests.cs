using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class StopTaskTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task Stopping_a_running_task_cancels_its_model_call_and_keeps_it_cancelled()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var id = await Host.StartAsync("long work", HostFixture.User);
        await Host.WaitForAsync(id, TaskState.Running);
        await Eventually.UntilAsync(() => Host.Gateway.Calls.Count == 1);

        var reply = await Host.CommandAsync($"/taskstop {id}", HostFixture.User);

        Assert.Equal($"Stopped task {id}.", reply.Text);
        var task = await Host.WaitForAsync(id);
        Assert.Equal(TaskState.Cancelled, task.Status);
        await Host.RunEndedAsync(id); // whatever the cancelled run writes as it ends is written now
        Assert.Equal(TaskState.Cancelled, (await Host.TaskAsync(id))!.Status);
        var history = await Host.HistoryAsync(id);
        Assert.Single(history, h => h.To.IsFinal());
        Assert.Contains("stopped by user:2", history[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_queued_task_is_cancelled_with_one_press_of_its_cards_stop_button()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var first = await Host.StartAsync("first --project web", HostFixture.User);
        await Host.WaitForAsync(first, TaskState.Running);
        var second = await Host.StartAsync("second --project web", HostFixture.User);
        var card = Host.Transport.Replies.Last(r => r.Reply.Text.StartsWith($"Task {second} · queued", StringComparison.Ordinal));
        Assert.Contains("Position 1 in the queue", card.Reply.Text, StringComparison.Ordinal);

        var reply = await Host.PressAsync(card.Button("Stop"), HostFixture.User);

        Assert.Equal($"Stopped task {second}.", reply.Text);
        Assert.Equal(TaskState.Cancelled, (await Host.TaskAsync(second))!.Status);
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Edit && r.Message == card.Message && r.Reply.Text.StartsWith($"Task {second} · cancelled", StringComparison.Ordinal)));
        await Host.CommandAsync($"/taskstop {first}", HostFixture.User);
    }

    [Fact]
    public async Task Stopping_a_completed_task_says_when_it_completed_and_changes_nothing()
    {
        var id = await Host.StartAsync("quick", HostFixture.User);
        var done = await Host.WaitForAsync(id);

        var reply = await Host.CommandAsync($"/taskstop {id}", HostFixture.User);

        Assert.Equal($"Task {id} already completed at {done.FinishedAtUtc:HH:mm} UTC; nothing to stop.", reply.Text);
        Assert.Equal(TaskState.Completed, (await Host.TaskAsync(id))!.Status);
    }
}
