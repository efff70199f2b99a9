using System.Net;
using System.Text.Json;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Api;

/// <summary>Creating, reading and listing tasks over HTTP; 401 and 404.</summary>
public sealed class TasksApiTests(TasksFixture fixture) : TasksApiTest(fixture)
{
    [Fact]
    public async Task Posting_a_task_answers_201_with_its_location_and_the_task_completes_with_the_model_answer_and_its_spend()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("The last commit looks fine.", chunks: 3));
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await client.PostTaskAsync(new { prompt = "  review the last commit  ", budget = 0.5m, project = "docs" });

        var created = await response.JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(TaskIds.Parse(id), id);
        Assert.Equal($"/api/tasks/{id}", response.Headers.Location?.ToString());
        Assert.Equal("queued", created.GetProperty("state").GetString());
        Assert.Equal(HostFixture.UserId, created.GetProperty("ownerId").GetInt64());
        Assert.Equal("review the last commit", created.GetProperty("prompt").GetString());
        Assert.Equal("docs", created.GetProperty("project").GetString());
        Assert.Equal(0.5m, created.GetProperty("budget").GetDecimal());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("finishedAtUtc").ValueKind);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        var task = await TasksApi.PollAsync(
            () => client.GetJsonAsync(response.Headers.Location!.ToString()),
            t => t.GetProperty("spent").ValueKind == JsonValueKind.Object && t.GetProperty("spent").GetProperty("cost").GetDecimal() > 0);
        Assert.Equal("completed", task.GetProperty("state").GetString());
        Assert.Equal(0.026m, task.GetProperty("spent").GetProperty("cost").GetDecimal());
        Assert.Equal("agent", task.GetProperty("executor").GetString());
        Assert.Equal("http", task.GetProperty("origin").GetString());
        Assert.NotEqual(JsonValueKind.Null, task.GetProperty("finishedAtUtc").ValueKind);
        Assert.Equal(JsonValueKind.Null, task.GetProperty("error").ValueKind);
        var call = Assert.Single(Host.Gateway.Calls);
        Assert.Equal("review the last commit", call.Messages[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task The_output_endpoint_returns_the_whole_output_of_every_step_as_markdown()
    {
        var answer = string.Join(" ", Enumerable.Range(1, 800).Select(i => $"word{i}"));
        Host.Gateway.Enqueue(
            new FakeReply { Text = "Let me look that up.", ToolCalls = [new FakeToolCall("call_1", "lookup", """{"topic":"the answer"}""")] },
            FakeReply.WithText(answer, chunks: 25));
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await client.CreateTaskAsync(new { prompt = "find the answer" });
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);

        using var response = await client.GetAsync($"/api/tasks/{id}/output");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("Let me look that up.\n\n" + answer, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, Host.Lookup.Calls);
    }

    [Fact]
    public async Task The_output_of_a_running_task_is_what_it_has_written_so_far()
    {
        var answer = "one two three four five six seven eight";
        Host.Gateway.Enqueue(new FakeReply { Text = answer, Chunks = 8, ChunkDelay = TimeSpan.FromMilliseconds(250) });
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await client.CreateTaskAsync(new { prompt = "count slowly" });

        var partial = await TasksApi.PollAsync(() => Text(client, $"/api/tasks/{id}/output"), text => text.Length > 0);
        var running = await Host.TaskAsync(id);

        Assert.StartsWith(partial, answer, StringComparison.Ordinal);
        Assert.NotEqual(TaskState.Completed, running!.Status);
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        Assert.Equal(answer, await Text(client, $"/api/tasks/{id}/output"));
    }

    [Fact]
    public async Task A_user_token_lists_only_its_own_tasks_newest_first_and_the_admin_token_lists_everyones()
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        using var admin = Host.CreateClient(Host.AdminToken);
        var first = await user.CreateTaskAsync(new { prompt = "first" });
        var others = await other.CreateTaskAsync(new { prompt = "someone else's" });
        var second = await user.CreateTaskAsync(new { prompt = "second" });
        var admins = await admin.CreateTaskAsync(new { prompt = "the admin's" });

        Assert.Equal([second, first], await user.ListIdsAsync());
        Assert.Equal([second, first], await user.ListIdsAsync($"?userId={HostFixture.UserId}"));
        Assert.Equal([others], await other.ListIdsAsync());
        Assert.Equal([admins, second, others, first], await admin.ListIdsAsync());
        Assert.Equal([others], await admin.ListIdsAsync($"?userId={HostFixture.OtherUserId}"));
        var listed = Assert.Single((await user.GetJsonAsync("/api/tasks?limit=1")).EnumerateArray());
        Assert.Equal((second, "second", HostFixture.UserId), (listed.GetProperty("id").GetString(), listed.GetProperty("prompt").GetString(), listed.GetProperty("ownerId").GetInt64()));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("spent").ValueKind);
    }

    [Fact]
    public async Task A_user_token_that_asks_for_another_users_tasks_is_answered_403()
    {
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        await other.CreateTaskAsync(new { prompt = "private work" });
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var response = await user.GetAsync($"/api/tasks?userId={HostFixture.OtherUserId}");

        var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("a user sees only their own", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_filters_by_status_and_project()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var done = await client.CreateTaskAsync(new { prompt = "write the docs", project = "docs" });
        await Host.WaitForAsync(done, TaskState.Completed);
        Host.Gateway.Enqueue(FakeReply.Hanging());
        var running = await client.CreateTaskAsync(new { prompt = "build the site", project = "web" });
        await Host.WaitForAsync(running, TaskState.Running);
        var queued = await client.CreateTaskAsync(new { prompt = "deploy the site", project = "web" }); // web runs one task at a time
        var waiting = await client.CreateTaskAsync(new { prompt = "announce it", after = running });

        Assert.Equal(TaskState.Queued, (await Host.TaskAsync(queued))!.Status);
        Assert.Equal([done], await client.ListIdsAsync("?status=completed"));
        Assert.Equal([running], await client.ListIdsAsync("?status=Running"));
        Assert.Equal([queued], await client.ListIdsAsync("?status=queued"));
        Assert.Equal([waiting], await client.ListIdsAsync("?status=waiting"));
        Assert.Empty(await client.ListIdsAsync("?status=budget_exceeded"));
        Assert.Equal([queued, running], await client.ListIdsAsync("?project=web"));
        Assert.Equal([done], await client.ListIdsAsync("?project=docs"));
        Assert.Equal([queued], await client.ListIdsAsync("?project=web&status=queued"));
        Assert.Empty(await client.ListIdsAsync("?project=docs&status=running"));
        Assert.Empty(await client.ListIdsAsync("?project=nowhere"));
    }

    [Fact]
    public async Task The_project_filter_ignores_case_as_creating_a_task_does()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await client.CreateTaskAsync(new { prompt = "write the docs", project = "DOCS" });

        Assert.Equal("docs", (await Host.TaskAsync(id))!.Project);
        Assert.Equal([id], await client.ListIdsAsync("?project=docs"));
        Assert.Equal([id], await client.ListIdsAsync("?project=DOCS"));
    }

    [Fact]
    public async Task Without_a_token_or_with_a_wrong_one_every_task_endpoint_answers_401()
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await user.CreateTaskAsync(new { prompt = "something" });
        using var anonymous = Host.CreateClient();
        using var forged = Host.CreateClient("pb_not-a-real-token-0123456789");

        foreach (var client in new[] { anonymous, forged })
        {
            foreach (var send in Requests(id))
            {
                using var response = await send(client);
                var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
                Assert.Contains("bearer", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Single(await Host.TasksAsync());
    }

    [Theory]
    [InlineData("zzzzzz")]
    [InlineData("not-a-task-id")]
    public async Task An_unknown_task_id_is_answered_404_by_get_output_and_stop(string id)
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var admin = Host.CreateClient(Host.AdminToken);

        foreach (var client in new[] { user, admin })
        {
            foreach (var send in Requests(id).Skip(1).Take(3))
            {
                using var response = await send(client);
                var problem = await response.ProblemAsync(HttpStatusCode.NotFound);
                Assert.Contains($"There is no task '{id}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
    }

    /// <summary>One request to each endpoint: list, get, output, stop, create.</summary>
    private static Func<HttpClient, Task<HttpResponseMessage>>[] Requests(string id) =>
    [
        c => c.GetAsync("/api/tasks"),
        c => c.GetAsync($"/api/tasks/{id}"),
        c => c.GetAsync($"/api/tasks/{id}/output"),
        c => c.PostAsync($"/api/tasks/{id}/stop"),
        c => c.PostTaskAsync(new { prompt = "sneak in" }),
    ];

    private static async Task<string> Text(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
