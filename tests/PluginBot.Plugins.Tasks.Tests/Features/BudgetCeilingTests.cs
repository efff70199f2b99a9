using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

/// <summary>A host whose tasks may have at most $0.025.</summary>
public sealed class LowCeilingFixture : TasksFixture
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Plugins:Tasks:MaxBudgetUsd"] = "0.025",
    };
}

/// <summary>The one-press retry after a budget stop never offers more than a task may have.</summary>
public sealed class BudgetCeilingTests(LowCeilingFixture fixture) : HostTest<LowCeilingFixture>(fixture), IClassFixture<LowCeilingFixture>
{
    [Fact]
    public async Task The_retry_offered_is_doubled_only_up_to_the_most_a_task_may_have()
    {
        var notice = await BudgetNoticeAsync("0.02");

        var confirmation = await Host.PressAsync(notice.Button("Retry with $0.025"), HostFixture.User);

        Assert.False(confirmation.IsProblem, confirmation.Text);
        Assert.Contains("Budget: $0.025 (as you asked)", confirmation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_had_the_most_is_offered_no_retry_it_could_not_get()
    {
        var notice = await BudgetNoticeAsync("0.025");

        Assert.Contains("It had the most a task may have ($0.025, Plugins:Tasks:MaxBudgetUsd).", notice.Reply.Text, StringComparison.Ordinal);
        Assert.Empty(notice.Reply.Buttons);
    }

    /// <summary>The first step (a tool call, 12 + 7 tokens) costs $0.026, past either cap, so the task stops there.</summary>
    private async Task<RecordedReply> BudgetNoticeAsync(string budget)
    {
        Host.Gateway.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"tides"}""")));
        var id = await Host.StartAsync($"expensive --budget {budget}", HostFixture.User);
        Assert.Equal(TaskState.BudgetExceeded, (await Host.WaitForAsync(id)).Status);
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Text.StartsWith($"💸 Task {id}", StringComparison.Ordinal)));
        return Host.Transport.Replies.Last(r => r.Reply.Text.StartsWith($"💸 Task {id}", StringComparison.Ordinal));
    }
}
