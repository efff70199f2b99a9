using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class RetryTaskTests(TasksFixture fixture) : TasksTest(fixture)
{
    private static readonly FakeError BadRequest = new(400, "invalid_request_error", "the prompt was refused");

    [Fact]
    public async Task A_failed_task_is_reported_with_a_retry_button_that_asks_before_it_runs()
    {
        Host.Gateway.Enqueue(FakeReply.WithError(BadRequest));
        var id = await Host.StartAsync("flaky work --budget 0.50", HostFixture.User);
        Assert.Equal(TaskState.Failed, (await Host.WaitForAsync(id)).Status);
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Text.StartsWith($"❌ Task {id} failed", StringComparison.Ordinal)));
        var notice = Host.Transport.Replies.Last(r => r.Reply.Text.StartsWith($"❌ Task {id} failed", StringComparison.Ordinal));

        var confirmation = await Host.PressAsync(notice.Button("Retry"), HostFixture.User);

        Assert.Contains($"Retry task {id}?", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("flaky work", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Budget: $0.50, what is left of $0.50 after $0 spent", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("This will be retry 1.", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("Estimated cost per step: ≈ $", confirmation.Text, StringComparison.Ordinal);
        Assert.Single(await Host.TasksAsync()); // nothing runs before the owner confirms

        var confirm = confirmation.Buttons[0].Single(b => b.Label == "Confirm").ActionToken!;
        var started = await Host.PressAsync(confirm, HostFixture.User);

        Assert.True(started.ReplacesOrigin);
        var retry = (await Host.TasksAsync()).Single(t => t.Id != id);
        Assert.Equal($"Retrying task {id} as task {retry.Id}.", started.Text);
        Assert.Equal((id, 1, 500_000L), (retry.RetryOf, retry.RetryCount, retry.BudgetCapMicros!.Value));
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(retry.Id)).Status);

        var again = await Host.PressAsync(confirm, HostFixture.User);
        Assert.True(again.IsProblem);
        Assert.Contains($"already retried as task {retry.Id}", again.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await Host.TasksAsync()).Count);
    }

    [Fact]
    public async Task A_retry_gets_what_is_left_of_the_budget_or_the_one_asked_for()
    {
        var id = await Host.StartAsync("cheap work --budget 0.50", HostFixture.User);
        await Host.WaitForAsync(id);

        var left = await Host.CommandAsync($"/taskretry {id}", HostFixture.User);
        var asked = await Host.CommandAsync($"/taskretry {id} --budget 1.5", HostFixture.User);
        var tooMuch = await Host.CommandAsync($"/taskretry {id} --budget 900", HostFixture.User);
        var absurd = await Host.CommandAsync($"/taskretry {id} --budget 10000000000000", HostFixture.User);

        Assert.Contains("Budget: $0.474, what is left of $0.50 after $0.026 spent", left.Text, StringComparison.Ordinal);
        Assert.Contains("It starts afresh.", left.Text, StringComparison.Ordinal);
        Assert.Contains("Budget: $1.50 (as you asked)", asked.Text, StringComparison.Ordinal);
        Assert.True(tooMuch.IsProblem);
        Assert.Contains("above the most a task may have", tooMuch.Text, StringComparison.Ordinal);
        Assert.True(absurd.IsProblem);
        Assert.Contains("an amount that large is above the most a task may have", absurd.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmed_retry_whose_card_cannot_be_sent_still_runs_and_says_so()
    {
        var id = await Host.StartAsync("work --budget 0.50", HostFixture.User);
        await Host.WaitForAsync(id);
        var confirmation = await Host.CommandAsync($"/taskretry {id}", HostFixture.User);

        Host.Transport.FailFor.Add(GatewayHostFixture.ChatOf(HostFixture.User).ChatId);
        Reply reply;
        try
        {
            reply = await Host.PressAsync(confirmation.Buttons[0][0].ActionToken!, HostFixture.User);
        }
        finally
        {
            Host.Transport.FailFor.Clear();
        }

        var retry = (await Host.TasksAsync()).Single(t => t.RetryOf == id);
        Assert.False(reply.IsProblem, reply.Text);
        Assert.Equal($"Retrying task {id} as task {retry.Id}. Its card could not be shown (chat unreachable); /taskstatus {retry.Id} shows it.", reply.Text);
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(retry.Id)).Status);
    }

    [Fact]
    public async Task A_task_that_is_still_running_cannot_be_retried()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var id = await Host.StartAsync("slow", HostFixture.User);
        await Host.WaitForAsync(id, TaskState.Running);

        var reply = await Host.CommandAsync($"/taskretry {id}", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.Contains($"Task {id} is still running: stop it first (/taskstop {id})", reply.Text, StringComparison.Ordinal);
        await Host.CommandAsync($"/taskstop {id}", HostFixture.User);
    }

    [Fact]
    public async Task A_task_over_its_budget_ends_budget_exceeded_with_its_work_kept_and_offers_a_retry_with_more()
    {
        // The first step (a tool call, 12 + 7 tokens) costs $0.026: past the $0.02 cap, so the second call is refused.
        Host.Gateway.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"tides"}""")));
        var id = await Host.StartAsync("expensive --budget 0.02", HostFixture.User);

        var task = await Host.WaitForAsync(id);

        Assert.Equal(TaskState.BudgetExceeded, task.Status);
        Assert.Single(Host.Gateway.Calls);
        Assert.Equal(1, Host.Lookup.Calls);
        Assert.Equal(1, task.Step); // the first step's checkpoint is kept
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Text.StartsWith($"💸 Task {id} stopped at its budget", StringComparison.Ordinal)));
        var notice = Host.Transport.Replies.Last(r => r.Reply.Text.StartsWith($"💸 Task {id}", StringComparison.Ordinal));
        Assert.Contains("spent $0.026 of $0.02", notice.Reply.Text, StringComparison.Ordinal);

        var confirmation = await Host.PressAsync(notice.Button("Retry with $0.04"), HostFixture.User);

        Assert.Contains("Budget: $0.04 (as you asked)", confirmation.Text, StringComparison.Ordinal);
        Assert.Contains("It goes on from step 2 with the conversation so far.", confirmation.Text, StringComparison.Ordinal);
        await Host.PressAsync(confirmation.Buttons[0][0].ActionToken!, HostFixture.User);
        var retry = (await Host.TasksAsync()).Single(t => t.RetryOf == id);
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(retry.Id)).Status);
        Assert.Equal(1, Host.Lookup.Calls); // the tool's step is not run again
        var resumed = Host.Gateway.LastCall.Messages;
        Assert.Equal(3, resumed.GetArrayLength()); // prompt, tool call, tool result
    }
}
