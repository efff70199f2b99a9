using System.Net;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Tasks.Tests.Api;

/// <summary>Bad input to the task API: a 400 problem that names the failing field, and nothing created.</summary>
public sealed class TasksApiValidationTests(TasksFixture fixture) : TasksApiTest(fixture)
{
    [Theory]
    [InlineData("""{"prompt":""}""", "prompt", "say what the task should do")]
    [InlineData("""{"prompt":"   "}""", "prompt", "say what the task should do")]
    [InlineData("""{"budget":0.5}""", "prompt", "say what the task should do")]
    [InlineData("""{"prompt":"review","budget":-1}""", "budget", "must be more than $0")]
    [InlineData("""{"prompt":"review","budget":0}""", "budget", "must be more than $0")]
    [InlineData("""{"prompt":"review","budget":50.01}""", "budget", "above the most a task may have, $50")]
    [InlineData("""{"prompt":"review","budget":1000000}""", "budget", "(Plugins:Tasks:MaxBudgetUsd)")]
    [InlineData("""{"prompt":"review","budget":10000000000000}""", "budget", "an amount that large is above the most a task may have, $50.00")]
    [InlineData("""{"prompt":"review","project":"mars"}""", "project", "there is no project 'mars'; the projects are web, docs")]
    [InlineData("""{"prompt":"review","model":"nosuch:model"}""", "model", "Unknown endpoint 'nosuch'")]
    [InlineData("""{"prompt":"review","model":"gateway:no-such-model"}""", "model", "does not offer 'gateway:no-such-model'")]
    [InlineData("""{"prompt":"review","after":"zzzzzz"}""", "after", "there is no task 'zzzzzz' of yours")]
    [InlineData("""{"prompt":"review","after":"not an id"}""", "after", "there is no task 'not an id' of yours")]
    public async Task A_bad_task_is_answered_400_naming_the_field_and_is_not_created(string body, string field, string expected)
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.PostTaskJsonAsync(body);

        Assert.Contains(expected, await response.FieldErrorAsync(field), StringComparison.Ordinal);
        Assert.Empty(await Host.TasksAsync());
        Assert.Empty(Host.Gateway.Calls);
    }

    [Fact]
    public async Task Every_bad_field_of_one_task_is_reported_at_once()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.PostTaskAsync(new { prompt = " ", budget = -2m, project = "mars", model = "nosuch:model", after = "zzzzzz" });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["after", "budget", "model", "project", "prompt"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await Host.TasksAsync());
    }

    [Fact]
    public async Task A_budget_of_exactly_the_most_a_task_may_have_is_accepted()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.PostTaskAsync(new { prompt = "big job", budget = 50m });

        Assert.Equal(50m, (await response.JsonAsync(HttpStatusCode.Created)).GetProperty("budget").GetDecimal());
    }

    [Fact]
    public async Task A_task_cannot_run_after_another_users_task_which_it_is_told_does_not_exist()
    {
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        var theirs = await other.CreateTaskAsync(new { prompt = "their work" });
        await Host.WaitForAsync(theirs);
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await user.PostTaskAsync(new { prompt = "piggyback", after = theirs });

        Assert.Contains($"there is no task '{theirs}' of yours", await response.FieldErrorAsync("after"), StringComparison.Ordinal);
        Assert.Single(await Host.TasksAsync());
    }

    [Fact]
    public async Task The_admin_token_may_run_a_task_after_any_users_task()
    {
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        var theirs = await other.CreateTaskAsync(new { prompt = "their work" });
        await Host.WaitForAsync(theirs);
        using var admin = Host.CreateClient(Host.AdminToken);

        var id = await admin.CreateTaskAsync(new { prompt = "follow up", after = theirs });

        Assert.Equal(theirs, (await Host.TaskAsync(id))!.After);
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
    }

    [Fact]
    public async Task A_task_cannot_run_after_one_that_failed_or_was_cancelled()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        Host.Gateway.Enqueue(TestKit.Fakes.FakeReply.Hanging());
        var first = await client.CreateTaskAsync(new { prompt = "doomed" });
        await Host.WaitForAsync(first, TaskState.Running);
        await client.StopAsync(first);

        using var response = await client.PostTaskAsync(new { prompt = "then this", after = first });

        Assert.Contains($"task {first} ended cancelled", await response.FieldErrorAsync("after"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?status=sleeping", "status", "'sleeping' is not a status; use one of queued, waiting, running, interrupted, completed, failed, cancelled, budget_exceeded")]
    [InlineData("?limit=0", "limit", "must be between 1 and 1000")]
    [InlineData("?limit=-5", "limit", "must be between 1 and 1000")]
    [InlineData("?limit=1001", "limit", "must be between 1 and 1000")]
    public async Task A_bad_list_filter_is_answered_400_naming_the_field(string query, string field, string expected)
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.GetAsync("/api/tasks" + query);

        Assert.Equal(expected, await response.FieldErrorAsync(field));
    }

    [Theory]
    [InlineData("?limit=1")]
    [InlineData("?limit=1000")]
    [InlineData("?status=budget_exceeded")]
    [InlineData("?status=BudgetExceeded")]
    public async Task A_list_filter_at_its_bounds_is_accepted(string query)
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.GetAsync("/api/tasks" + query);

        Assert.Equal(0, (await response.JsonAsync()).GetArrayLength());
    }

    [Theory]
    [InlineData("?status=5")]
    [InlineData("?status=42")]
    [InlineData("?status=queued,running")]
    public async Task A_status_filter_that_is_a_number_or_a_list_is_answered_400(string query)
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.GetAsync("/api/tasks" + query);

        Assert.Contains("is not a status", await response.FieldErrorAsync("status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_answered_400()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.PostTaskJsonAsync("{ this is not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Host.TasksAsync());
    }
}
