using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class BadInputTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Theory]
    [InlineData("/task", "prompt: say what the task should do")]
    [InlineData("/task    ", "prompt: say what the task should do")]
    [InlineData("/task fix it --budget -1", "budget: must be more than $0")]
    [InlineData("/task fix it --budget 0", "budget: must be more than $0")]
    [InlineData("/task fix it --budget 5000", "budget: $5,000.00 is above the most a task may have, $50.00")]
    [InlineData("/task fix it --budget lots", "--budget expects a number such as 0.50, not 'lots'")]
    [InlineData("/task fix it --budget 10000000000000", "budget: an amount that large is above the most a task may have, $50.00")]
    [InlineData("/task fix it --budget 79228162514264337593543950335", "is above the most a task may have, $50.00")]
    [InlineData("/task fix it --model nosuch:model", "model:")]
    [InlineData("/task fix it --model gpt-nope", "gateway does not offer 'gpt-nope'")]
    [InlineData("/task fix it --project nope", "there is no project 'nope'; the projects are web, docs")]
    [InlineData("/task fix it --after zzzzzz", "there is no task 'zzzzzz' of yours")]
    [InlineData("/task fix it --after not-an-id", "there is no task 'not-an-id' of yours")]
    [InlineData("/task fix it --colour red", "/task has no flag --colour")]
    [InlineData("/task fix it --model main --model main", "--model is given twice")]
    [InlineData("/task fix it --budget", "--budget needs a value")]
    [InlineData("/taskstop", "/taskstop needs the id of the task to stop")]
    [InlineData("/taskstop nothing", "There is no task 'nothing'")]
    [InlineData("/tasklog zzzzzz", "There is no task 'zzzzzz'")]
    [InlineData("/taskretry zzzzzz", "There is no task 'zzzzzz'")]
    [InlineData("/taskstatus zzzzzz", "There is no task 'zzzzzz'")]
    public async Task A_bad_command_is_refused_with_what_to_write_instead(string line, string expected)
    {
        var reply = await Host.CommandAsync(line, HostFixture.User);

        Assert.True(reply.IsProblem, reply.Text);
        Assert.Contains(expected, reply.Text, StringComparison.Ordinal);
        Assert.Empty(await Host.TasksAsync());
    }

    [Fact]
    public async Task Every_problem_of_a_task_is_reported_at_once()
    {
        var reply = await Host.CommandAsync("/task fix it --budget -2 --project nope --after zzzzzz", HostFixture.User);

        Assert.Contains("budget:", reply.Text, StringComparison.Ordinal);
        Assert.Contains("project:", reply.Text, StringComparison.Ordinal);
        Assert.Contains("after:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_cannot_run_after_another_users_task()
    {
        var theirs = await Host.StartAsync("their work", HostFixture.OtherUser);

        var reply = await Host.CommandAsync($"/task mine --after {theirs}", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.Contains($"there is no task '{theirs}' of yours", reply.Text, StringComparison.Ordinal);
        Assert.Single(await Host.TasksAsync());
    }

    [Fact]
    public async Task A_task_cannot_run_after_one_that_already_failed()
    {
        Host.Gateway.Enqueue(FakeReply.WithError(new FakeError(400, "invalid_request_error", "bad prompt")));
        var failed = await Host.StartAsync("doomed", HostFixture.User);
        Assert.Equal(TaskState.Failed, (await Host.WaitForAsync(failed)).Status);

        var reply = await Host.CommandAsync($"/task next --after {failed}", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.Contains($"task {failed} ended failed, so a task after it would never start; retry it first with /taskretry {failed}", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_cannot_start_a_task()
    {
        var reply = await Host.CommandAsync("/task anything", HostFixture.Stranger);

        Assert.True(reply.IsProblem);
        Assert.Contains("allow-list", reply.Text, StringComparison.Ordinal);
        Assert.Empty(await Host.TasksAsync());
    }
}
