using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Scheduler.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Scheduler.Tests.Firing;

/// <summary>The scheduler's own loop on a fake clock: one task per occurrence, misfires, overlaps, pauses.</summary>
[Collection(SchedulerCollection.Name)]
public sealed class FiringTests(SchedulerFixture host) : HostTest<SchedulerFixture>(host)
{
    public override Task DisposeAsync() => Host.DrainAsync();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host.Gateway.Reset();
        Host.Transport.Clear();
    }

    /// <summary>The next half hour after the fake clock's now.</summary>
    private DateTimeOffset NextHalfHour()
    {
        var now = Host.Clock.GetUtcNow();
        var next = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute >= 30 ? 30 : 0, 0, TimeSpan.Zero).AddMinutes(30);
        return next;
    }

    [Fact]
    public async Task Each_occurrence_queues_exactly_one_task_as_the_owner_with_the_schedule_as_its_origin()
    {
        var due = NextHalfHour();
        var id = await Host.CreateAsync("--cron \"*/30 * * * *\" --budget 0.25 --project web say hello");

        Host.AdvanceTo(due.AddSeconds(5));
        await Host.UntilAsync(async () => (await Host.TasksOfAsync(id)).Count == 1);
        Host.AdvanceTo(due.AddSeconds(25));
        await Host.DeliverOutboxAsync();

        var task = Assert.Single(await Host.TasksOfAsync(id));
        Assert.Equal(HostFixture.UserId, task.OwnerId);
        Assert.Equal("web", task.Project);
        Assert.Equal(0.25m, task.Budget!.Value.Dollars);
        Assert.Equal($"schedule:{id}", task.Origin);
        Assert.Contains($"From schedule {id}", (await Host.CommandAsync($"/taskstatus {task.Id}")).Text, StringComparison.Ordinal);

        Host.AdvanceTo(due.AddMinutes(30).AddSeconds(5));
        await Host.UntilAsync(async () => (await Host.TasksOfAsync(id)).Count == 2);
    }

    [Theory]
    [InlineData("once", 1)]
    [InlineData("skip", 0)]
    [InlineData("all", 7)]
    public async Task Three_hours_of_downtime_are_made_up_as_the_misfire_policy_says(string policy, int runs)
    {
        var due = NextHalfHour();
        var id = await Host.CreateAsync($"--cron \"*/30 * * * *\" --misfire {policy} --overlap queue check");

        // Down from before the first occurrence until 3 h 10 min after it: 7 occurrences fell due.
        Host.JumpTo(due.AddMinutes(190));
        Host.AdvanceTo(due.AddMinutes(190).AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Contains("missed", StringComparison.Ordinal) || runs == 7);
        await Host.UntilAsync(async () => (await Host.TasksOfAsync(id)).Count == runs);

        var card = (await Host.CommandAsync($"/schedule {id}")).Text;
        Assert.Contains("next run", card, StringComparison.Ordinal);
        Assert.Equal(runs, (await Host.TasksOfAsync(id)).Count);
    }

    [Fact]
    public async Task Under_overlap_skip_an_occurrence_whose_last_run_still_goes_is_skipped_and_the_owner_told_once()
    {
        var release = new TaskCompletionSource();
        Host.Gateway.Enqueue(new FakeReply { Text = "slow", HoldUntil = release.Task });
        var due = NextHalfHour();
        var id = await Host.CreateAsync("--cron \"*/30 * * * *\" long job");

        Host.AdvanceTo(due.AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.TasksOfAsync(id)).Count == 1);
        Host.AdvanceTo(due.AddMinutes(30).AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Contains("skipped", StringComparison.Ordinal));
        Host.AdvanceTo(due.AddMinutes(60).AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Split("skipped").Length == 3);
        release.SetResult();

        Assert.Single(await Host.TasksOfAsync(id));
        Assert.Single(Host.Transport.Replies, r => r.Reply.Text.Contains($"Schedule {id}: a run was skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schedule_whose_runs_are_refused_three_times_in_a_row_pauses_and_tells_its_owner()
    {
        // The gateway offers gpt-test only: each run is refused when queued, which counts as a failure.
        var due = NextHalfHour();
        var id = await Host.CreateAsync("--cron \"*/30 * * * *\" --model gateway:no-such-model --overlap queue fails");

        for (var i = 0; i < 3; i++)
        {
            Host.AdvanceTo(due.AddMinutes(30 * i).AddSeconds(3));
            var refusals = i + 1;
            await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Split("not queued: model:").Length - 1 >= refusals);
        }

        var card = (await Host.CommandAsync($"/schedule {id}")).Text;
        Assert.Contains("paused: 3 runs in a row failed", card, StringComparison.Ordinal);
        Assert.Contains(Host.Transport.Replies, r => r.Reply.Text.Contains($"Schedule {id} is paused: 3 runs in a row failed", StringComparison.Ordinal));

        Host.AdvanceTo(due.AddMinutes(90).AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Contains("paused", StringComparison.Ordinal));
        Assert.Equal(3, (await Host.CommandAsync($"/schedule {id}")).Text.Split("not queued").Length - 1);
        Assert.Empty(await Host.TasksOfAsync(id));
    }

    [Fact]
    public async Task A_schedule_whose_runs_fail_three_times_in_a_row_pauses_and_tells_its_owner()
    {
        // Every model call is refused by the provider (400, not retried): each run is queued, starts and fails.
        Host.Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.InvalidRequest("This prompt cannot be served."));
        var due = NextHalfHour();
        var id = await Host.CreateAsync("--cron \"*/30 * * * *\" --overlap queue fails while running");

        for (var i = 0; i < 3; i++)
        {
            Host.AdvanceTo(due.AddMinutes(30 * i).AddSeconds(3));
            var failures = i + 1;
            await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Split(": failed").Length - 1 >= failures);
        }

        await Host.UntilAsync(async () => (await Host.CommandAsync($"/schedule {id}")).Text.Contains("paused", StringComparison.Ordinal));
        Assert.Contains(Host.Transport.Replies, r => r.Reply.Text.Contains($"Schedule {id} is paused: its last 3 runs failed", StringComparison.Ordinal));
        Host.AdvanceTo(due.AddMinutes(90).AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.TasksOfAsync(id)).All(t => !t.IsActive));
        Assert.Equal(3, (await Host.TasksOfAsync(id)).Count);
    }

    [Fact]
    public async Task A_schedule_whose_owner_is_denied_pauses_instead_of_running()
    {
        var due = NextHalfHour();
        var id = await Host.CreateAsync("--cron \"*/30 * * * *\" as a person who leaves", HostFixture.OtherUser);
        await Host.SetUserRowAsync(HostFixture.OtherUserId, allowed: false, admin: false);

        Host.AdvanceTo(due.AddSeconds(3));
        await Host.UntilAsync(async () => (await Host.CommandAsync("/schedules --all", HostFixture.Admin)).Text.Contains("paused: its owner may no longer use the bot", StringComparison.Ordinal));

        Assert.Empty(await Host.TasksOfAsync(id));
    }
}
