using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Plugins.Scheduler.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Scheduler.Tests.Features;

[Collection(SchedulerCollection.Name)]
public sealed class ScheduleCommandTests(SchedulerFixture host) : HostTest<SchedulerFixture>(host)
{
    public override Task DisposeAsync() => Host.DrainAsync();

    [Fact]
    public async Task A_schedule_is_answered_with_its_id_its_rule_in_words_and_the_next_three_runs_in_its_zone()
    {
        var reply = await Host.CommandAsync("/task --cron \"0 9 * * 1-5\" --tz Europe/Berlin summarize the open issues");

        Assert.False(reply.IsProblem, reply.Text);
        Assert.Matches(@"^🗓 Schedule [a-z0-9]{6} created: 0 9 \* \* 1-5 \(at 09:00, Monday through Friday, Europe/Berlin\)\.", reply.Text);
        // Monday 2026-12-07 08:00 UTC is 09:00 in Berlin: the first run is Tuesday.
        Assert.Contains("• Tue 2026-12-08 09:00 (UTC+01:00)\n• Wed 2026-12-09 09:00 (UTC+01:00)\n• Thu 2026-12-10 09:00 (UTC+01:00)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_problem_of_a_bad_schedule_is_listed_in_one_answer_and_nothing_is_created()
    {
        var reply = await Host.CommandAsync("/task --cron \"61 * * * *\" --tz Mars/Olympus --misfire never --overlap maybe --budget -1 --project nope");

        Assert.True(reply.IsProblem);
        Assert.Contains("• cron: minute 61 is out of range 0–59", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• tz: 'Mars/Olympus' is not an IANA time zone name", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• misfire: 'never' is not one of once, skip or all", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• overlap: 'maybe' is not one of skip or queue", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• budget: expects dollars above zero", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• project: there is no project 'nope' (projects: web)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• prompt: the prompt is missing", reply.Text, StringComparison.Ordinal);
        Assert.Contains("You have no schedules", (await Host.CommandAsync("/schedules")).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/task --tz UTC do it", "--tz goes only with --cron")]
    [InlineData("/task --cron \"0 9 * * *\" --after k3x9p2 do it", "--after does not go with --cron")]
    [InlineData("/task --cron \"0 0 9 * * *\" do it", "a seconds field is not supported")]
    [InlineData("/task --cron @yearly do it", "unknown macro @yearly")]
    [InlineData("/task --cron \"0 9 * * *\" --tz \"W. Europe Standard Time\" do it", "is not an IANA time zone name")]
    public async Task A_misplaced_flag_or_a_bad_rule_is_refused_with_what_is_wrong(string line, string expected)
    {
        var reply = await Host.CommandAsync(line);

        Assert.True(reply.IsProblem);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_may_have_only_so_many_schedules()
    {
        for (var i = 0; i < 3; i++)
        {
            await Host.CreateAsync($"--cron @daily job {i}");
        }

        var reply = await Host.CommandAsync("/task --cron @daily one too many");

        Assert.True(reply.IsProblem);
        Assert.Contains("you have 3 schedules, the most allowed", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_delivered_twice_makes_one_schedule()
    {
        var context = new CommandContext(HostFixture.User, SchedulerFixture.ChatOf(HostFixture.User)) { IdempotencyKey = "recording:update:41" };
        var dispatcher = Host.Services.GetRequiredService<ICommandDispatcher>();

        var first = await dispatcher.DispatchAsync("/task --cron @daily once only", context);
        var again = await dispatcher.DispatchAsync("/task --cron @daily once only", context);

        Assert.False(again.IsProblem, again.Text);
        Assert.Equal(first.Text.Split(' ')[2], again.Text.Split(' ')[2]);
        Assert.Single(Regex.Matches((await Host.CommandAsync("/schedules")).Text, "once only"));
    }

    [Fact]
    public async Task Schedules_are_their_owners_others_are_told_there_is_no_such_schedule_and_admins_see_all()
    {
        var id = await Host.CreateAsync("--cron @daily mine");

        Assert.Contains(id, (await Host.CommandAsync("/schedules")).Text, StringComparison.Ordinal);
        Assert.DoesNotContain(id, (await Host.CommandAsync("/schedules", HostFixture.OtherUser)).Text, StringComparison.Ordinal);
        Assert.Contains($"There is no schedule {id} of yours", (await Host.CommandAsync($"/schedule pause {id}", HostFixture.OtherUser)).Text, StringComparison.Ordinal);
        Assert.Contains("Only admins", (await Host.CommandAsync("/schedules --all", HostFixture.OtherUser)).Text, StringComparison.Ordinal);
        Assert.Contains(id, (await Host.CommandAsync("/schedules --all", HostFixture.Admin)).Text, StringComparison.Ordinal);
        Assert.Contains("is paused", (await Host.CommandAsync($"/schedule pause {id}", HostFixture.Admin)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pause_resume_run_and_delete_do_what_they_say()
    {
        var id = await Host.CreateAsync("--cron @daily report");

        var paused = await Host.CommandAsync($"/schedule pause {id}");
        Assert.Contains("paused", paused.Text, StringComparison.Ordinal);
        Assert.Equal(["Resume", "Run now"], paused.Buttons.Single().Select(b => b.Label));
        Assert.Contains("next run", (await Host.CommandAsync($"/schedule resume {id}")).Text, StringComparison.Ordinal);

        var run = await Host.CommandAsync($"/schedule run {id}");
        Assert.Contains("queued task", run.Text, StringComparison.Ordinal);
        var task = Assert.Single(await Host.TasksOfAsync(id));
        Assert.Equal(HostFixture.UserId, task.OwnerId);
        Assert.Contains($"{task.Id}: queued", (await Host.CommandAsync($"/schedule {id}")).Text, StringComparison.Ordinal);

        Assert.Contains("is deleted", (await Host.CommandAsync($"/unschedule {id}")).Text, StringComparison.Ordinal);
        Assert.Contains("There is no schedule", (await Host.CommandAsync($"/schedule {id}")).Text, StringComparison.Ordinal);
    }
}
