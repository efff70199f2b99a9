using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PluginBot.Plugins.Scheduler.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Scheduler.Tests.Api;

[Collection(SchedulerCollection.Name)]
public sealed class SchedulesApiTests(SchedulerFixture host) : HostTest<SchedulerFixture>(host)
{
    public override Task DisposeAsync() => Host.DrainAsync();

    [Fact]
    public async Task A_schedule_posted_is_answered_with_its_view_and_listed_for_its_owner_alone()
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));

        using var created = await user.PostAsJsonAsync(Url("/api/schedules"), new { cron = "0 9 * * 1-5", tz = "Europe/Berlin", prompt = "summarize the open issues", budget = 0.25m, project = "web" });
        var schedule = await JsonAsync(created, HttpStatusCode.Created);

        var id = schedule.GetProperty("id").GetString()!;
        Assert.Equal($"/api/schedules/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("at 09:00, Monday through Friday", schedule.GetProperty("description").GetString());
        Assert.Equal("Europe/Berlin", schedule.GetProperty("timeZone").GetString());
        Assert.Equal("once", schedule.GetProperty("misfire").GetString());
        Assert.Equal(0.25m, schedule.GetProperty("budget").GetDecimal());
        Assert.Equal(
            ["2026-12-08T08:00:00Z", "2026-12-09T08:00:00Z", "2026-12-10T08:00:00Z"],
            schedule.GetProperty("nextRuns").EnumerateArray().Select(r => r.GetDateTime().ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal([id], await IdsAsync(user, "/api/schedules"));
        Assert.Empty(await IdsAsync(other, "/api/schedules"));
        using var notTheirs = await other.GetAsync(Url($"/api/schedules/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        using var admin = Host.CreateClient(Host.AdminToken);
        Assert.Contains(id, await IdsAsync(admin, "/api/schedules"));
        Assert.Empty(await IdsAsync(admin, "/api/schedules?mine=true"));
    }

    [Fact]
    public async Task A_bad_schedule_is_a_400_naming_every_field_at_fault_and_nothing_is_created()
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        using var refused = await user.PostAsJsonAsync(Url("/api/schedules"), new { cron = "61 * * * *", tz = "Mars/Olympus", overlap = "maybe" });
        var problem = await JsonAsync(refused, HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.Equal(["cron", "overlap", "prompt", "tz"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("minute 61 is out of range 0–59", errors.GetProperty("cron")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await IdsAsync(user, "/api/schedules"));
    }

    [Fact]
    public async Task Pause_resume_run_and_delete_over_http_keep_to_the_owner()
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var other = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.OtherUserId));
        var id = await CreateAsync(user, new { cron = "@daily", prompt = "report" });

        using var paused = await user.PostAsync(Url($"/api/schedules/{id}/pause"), content: null);
        var view = await JsonAsync(paused);
        Assert.True(view.GetProperty("paused").GetBoolean());
        Assert.Empty(view.GetProperty("nextRuns").EnumerateArray());
        using var resumed = await user.PostAsync(Url($"/api/schedules/{id}/resume"), content: null);
        Assert.False((await JsonAsync(resumed)).GetProperty("paused").GetBoolean());

        using var run = await user.PostAsync(Url($"/api/schedules/{id}/run"), content: null);
        var taskId = (await JsonAsync(run, HttpStatusCode.Created)).GetProperty("taskId").GetString();
        var task = Assert.Single(await Host.TasksOfAsync(id));
        Assert.Equal(taskId, task.Id);
        Assert.Equal(HostFixture.UserId, task.OwnerId);
        var shown = await JsonAsync(await user.GetAsync(Url($"/api/schedules/{id}")));
        Assert.Equal(taskId, shown.GetProperty("runs")[0].GetProperty("taskId").GetString());

        using var othersDelete = await other.DeleteAsync(Url($"/api/schedules/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, othersDelete.StatusCode);
        using var deleted = await user.DeleteAsync(Url($"/api/schedules/{id}"));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await user.GetAsync(Url($"/api/schedules/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_post_repeated_with_its_idempotency_key_creates_one_schedule()
    {
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        var ids = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url("/api/schedules")) { Content = JsonContent.Create(new { cron = "@hourly", prompt = "ping" }) };
            request.Headers.Add("Idempotency-Key", "b7f0c1");
            using var response = await user.SendAsync(request);
            ids.Add((await JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!);
        }

        Assert.Equal(ids[0], ids[1]);
        Assert.Equal([ids[0]], await IdsAsync(user, "/api/schedules"));
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        using var anonymous = Host.CreateClient();

        using var response = await anonymous.GetAsync(Url("/api/schedules"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Uri Url(string path) => new(path, UriKind.Relative);

    private static async Task<string> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync(Url("/api/schedules"), body);
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<List<string>> IdsAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(Url(path));
        return [.. (await JsonAsync(response)).EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
