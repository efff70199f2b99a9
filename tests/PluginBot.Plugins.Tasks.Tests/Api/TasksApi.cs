using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Tasks.Tests.Api;

/// <summary>Small helpers for calling the task API the way a client would.</summary>
internal static class TasksApi
{
    public static Uri Url(string path) => new(path, UriKind.Relative);

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path) => client.GetAsync(Url(path));

    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, string path) => client.PostAsync(Url(path), content: null);

    public static Task<HttpResponseMessage> PostTaskAsync(this HttpClient client, object body) => client.PostAsJsonAsync(Url("/api/tasks"), body);

    /// <summary>Posts a raw JSON body, exactly as written.</summary>
    public static async Task<HttpResponseMessage> PostTaskJsonAsync(this HttpClient client, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await client.PostAsync(Url("/api/tasks"), content);
    }

    /// <summary>Creates a task and returns its id; fails the test with the answer when it is not 201.</summary>
    public static async Task<string> CreateTaskAsync(this HttpClient client, object body)
    {
        using var response = await client.PostTaskAsync(body);
        var json = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {json}");
        return JsonDocument.Parse(json).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The body of a successful answer as JSON; fails the test with the answer otherwise.</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> StopAsync(this HttpClient client, string id)
    {
        using var response = await client.PostAsync($"/api/tasks/{id}/stop");
        return await response.JsonAsync();
    }

    /// <summary>The ids of a task list, in the order the API gave them.</summary>
    public static async Task<List<string>> ListIdsAsync(this HttpClient client, string query = "")
    {
        var list = await client.GetJsonAsync("/api/tasks" + query);
        return list.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>Asserts an RFC 7807 answer with this status, and returns its body.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>Asserts a 400 problem whose only failing field is <paramref name="field"/>, and returns its message.</summary>
    public static async Task<string> FieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Invalid request", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        return Assert.Single(errors.GetProperty(field).EnumerateArray()).GetString()!;
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds (30 s at most) and returns the last value.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var limit = new CancellationTokenSource(Eventually.Limit);
        while (true)
        {
            var value = await read();
            if (done(value) || limit.IsCancellationRequested)
            {
                return value;
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}

/// <summary>
/// Tests of the task API. After each test every task still active is stopped and every task is waited for, so no
/// worker of this test takes the next test's scripted replies.
/// </summary>
public abstract class TasksApiTest(TasksFixture fixture) : TasksTest(fixture)
{
    public override async Task DisposeAsync()
    {
        using var admin = Host.CreateClient(Host.AdminToken);
        foreach (var task in await Host.TasksAsync())
        {
            if (!task.Status.IsFinal())
            {
                using var _ = await admin.PostAsync($"/api/tasks/{task.Id}/stop");
            }

            await Host.WaitForAsync(task.Id);
        }

        await base.DisposeAsync();
    }
}
