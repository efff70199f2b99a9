using System.Globalization;
using System.Net;
using System.Text.Json;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Api;

/// <summary><c>POST /api/tasks/{id}/stop</c>, and who may read or stop a task.</summary>
public sealed class TasksApiStopAndAccessTests(TasksFixture fixture) : TasksApiTest(fixture)
{
    [Fact]
    public async Task Stopping_a_running_task_cancels_it_and_the_worker_does_not_overwrite_the_cancel()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await RunningTaskAsync(client);

        var stop = await client.StopAsync(id);

        Assert.True(stop.GetProperty("stopped").GetBoolean());
        Assert.Equal("cancelled", stop.GetProperty("task").GetProperty("state").GetString());
        Assert.Equal($"Stopped task {id}.", stop.GetProperty("message").GetString());
        await Host.RunEndedAsync(id); // the worker has unwound its cancelled run
        Assert.Equal(TaskState.Cancelled, (await Host.TaskAsync(id))!.Status);
        Assert.Equal([TaskState.Queued, TaskState.Running, TaskState.Cancelled], (await Host.HistoryAsync(id)).Select(h => h.To));
        Assert.Equal("cancelled", (await client.GetJsonAsync($"/api/tasks/{id}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task The_output_a_task_wrote_before_it_was_stopped_stays_readable()
    {
        var slow = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"part{i}"));
        Host.Gateway.Enqueue(new FakeReply { Text = slow, Chunks = 30, ChunkDelay = TimeSpan.FromMilliseconds(300) });
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await client.CreateTaskAsync(new { prompt = "write slowly" });
        var before = await TasksApi.PollAsync(() => OutputAsync(client, id), text => text.Contains("part3", StringComparison.Ordinal));

        await client.StopAsync(id);
        await Host.RunEndedAsync(id); // the worker has unwound its cancelled run

        Assert.Contains("part3", before, StringComparison.Ordinal);
        Assert.Equal(TaskState.Cancelled, (await Host.TaskAsync(id))!.Status);
        Assert.StartsWith(before, await OutputAsync(client, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_a_queued_task_cancels_it_before_it_ever_runs()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var running = await RunningTaskAsync(client, project: "web");
        var queued = await client.CreateTaskAsync(new { prompt = "deploy", project = "web" }); // web runs one task at a time
        Assert.Equal(TaskState.Queued, (await Host.TaskAsync(queued))!.Status);

        var stop = await client.StopAsync(queued);
        await client.StopAsync(running);

        Assert.Equal((true, "cancelled", $"Stopped task {queued}."), Stop(stop));

        // The freed web slot goes to the next task queued there, not to the cancelled one queued before it.
        await Host.RunEndedAsync(running);
        var next = await client.CreateTaskAsync(new { prompt = "then this", project = "web" });
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(next)).Status);
        Assert.Equal([TaskState.Queued, TaskState.Cancelled], (await Host.HistoryAsync(queued)).Select(h => h.To));
        Assert.Equal(2, Host.Gateway.Calls.Count); // the stopped run's and the next task's
    }

    [Fact]
    public async Task Stopping_a_task_waiting_for_another_cancels_it()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var first = await RunningTaskAsync(client);
        var waiting = await client.CreateTaskAsync(new { prompt = "then this", after = first });
        Assert.Equal(TaskState.Waiting, (await Host.TaskAsync(waiting))!.Status);

        var stop = await client.StopAsync(waiting);
        await client.StopAsync(first);

        Assert.Equal((true, "cancelled", $"Stopped task {waiting}."), Stop(stop));
        Assert.Equal(TaskState.Cancelled, (await Host.TaskAsync(waiting))!.Status);
    }

    [Fact]
    public async Task Stopping_a_completed_task_changes_nothing_and_says_when_it_completed()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await client.CreateTaskAsync(new { prompt = "quick one" });
        var done = await Host.WaitForAsync(id);
        Assert.Equal(TaskState.Completed, done.Status);

        var stop = await client.StopAsync(id);

        var at = done.FinishedAtUtc!.Value.ToString("HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal((false, "completed", $"Task {id} already completed at {at} UTC; nothing to stop."), Stop(stop));
        Assert.Equal(TaskState.Completed, (await Host.TaskAsync(id))!.Status);
        Assert.Equal([TaskState.Queued, TaskState.Running, TaskState.Completed], (await Host.HistoryAsync(id)).Select(h => h.To));
    }

    [Fact]
    public async Task Stopping_a_task_twice_says_the_second_time_that_it_was_already_cancelled()
    {
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var id = await RunningTaskAsync(client);
        await client.StopAsync(id);

        var again = await client.StopAsync(id);

        Assert.False(again.GetProperty("stopped").GetBoolean());
        Assert.Equal("cancelled", again.GetProperty("task").GetProperty("state").GetString());
        Assert.StartsWith($"Task {id} already cancelled at ", again.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Single(await Host.HistoryAsync(id), h => h.To == TaskState.Cancelled);
    }

    [Fact]
    public async Task Another_users_task_is_answered_404_like_a_missing_one_and_runs_on()
    {
        using var owner = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        var id = await RunningTaskAsync(owner);
        using var missing = await other.GetAsync("/api/tasks/zzzzzz");
        var missingDetail = (await missing.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.Replace("zzzzzz", id, StringComparison.Ordinal);

        foreach (var path in new[] { $"/api/tasks/{id}", $"/api/tasks/{id}/output" })
        {
            using var read = await other.GetAsync(path);
            var problem = await read.ProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(missingDetail, problem.GetProperty("detail").GetString());
        }

        using var stop = await other.PostAsync($"/api/tasks/{id}/stop");
        await stop.ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(TaskState.Running, (await Host.TaskAsync(id))!.Status);
        Assert.Empty(await other.ListIdsAsync());
    }

    [Fact]
    public async Task The_admin_token_reads_the_output_of_and_stops_any_users_task()
    {
        var slow = string.Join(" ", Enumerable.Range(1, 30).Select(i => $"part{i}"));
        Host.Gateway.Enqueue(new FakeReply { Text = slow, Chunks = 30, ChunkDelay = TimeSpan.FromSeconds(1) }); // runs for half a minute
        using var owner = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var admin = Host.CreateClient(Host.AdminToken);
        var id = await owner.CreateTaskAsync(new { prompt = "long job" });
        await Host.WaitForAsync(id, TaskState.Running);

        var task = await admin.GetJsonAsync($"/api/tasks/{id}");
        var output = await TasksApi.PollAsync(
            async () =>
            {
                using var response = await admin.GetAsync($"/api/tasks/{id}/output");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadAsStringAsync();
            },
            text => text.Length > 0);
        var stop = await admin.StopAsync(id);

        Assert.Equal((id, HostFixture.UserId, "running"), (task.GetProperty("id").GetString(), task.GetProperty("ownerId").GetInt64(), task.GetProperty("state").GetString()));
        Assert.StartsWith("part1", output, StringComparison.Ordinal);
        Assert.StartsWith(output, slow, StringComparison.Ordinal);
        Assert.Equal((true, "cancelled", $"Stopped task {id}."), Stop(stop));
        var history = await Host.HistoryAsync(id);
        Assert.Equal(TaskState.Cancelled, history[^1].To);
        Assert.Contains("admin", history[^1].By, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_admin_token_reads_a_finished_task_of_any_user_with_its_spend()
    {
        using var owner = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        using var admin = Host.CreateClient(Host.AdminToken);
        var id = await owner.CreateTaskAsync(new { prompt = "short job" });
        await Host.WaitForAsync(id);

        var task = await TasksApi.PollAsync(() => admin.GetJsonAsync($"/api/tasks/{id}"), t => t.GetProperty("spent").ValueKind == JsonValueKind.Object);
        using var output = await admin.GetAsync($"/api/tasks/{id}/output");

        Assert.Equal(("completed", HostFixture.OtherUserId, 0.026m), (task.GetProperty("state").GetString(), task.GetProperty("ownerId").GetInt64(), task.GetProperty("spent").GetProperty("cost").GetDecimal()));
        Assert.Equal(HttpStatusCode.OK, output.StatusCode);
        Assert.Equal("Hello from the fake model.", await output.Content.ReadAsStringAsync());
    }

    /// <summary>Starts a task whose model call hangs, and returns its id once a worker runs it.</summary>
    private async Task<string> RunningTaskAsync(HttpClient client, string? project = null)
    {
        Host.Gateway.Enqueue(FakeReply.Hanging());
        var id = await client.CreateTaskAsync(new { prompt = "take forever", project });
        await Host.WaitForAsync(id, TaskState.Running);
        return id;
    }

    private static async Task<string> OutputAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/tasks/{id}/output");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static (bool Stopped, string? Status, string? Message) Stop(JsonElement answer) =>
        (answer.GetProperty("stopped").GetBoolean(), answer.GetProperty("task").GetProperty("state").GetString(), answer.GetProperty("message").GetString());
}
