using System.Net.Http.Json;
using System.Text.Json;
using PluginBot.Plugins.Scheduler.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Scheduler.Tests.Api;

/// <summary>Spend grouped by schedule, through the origin of each run's task (the Costs plugin learns it from the task's events).</summary>
[Collection(SchedulerCollection.Name)]
public sealed class ScheduleSpendTests(SchedulerFixture host) : HostTest<SchedulerFixture>(host)
{
    public override Task DisposeAsync() => Host.DrainAsync();

    [Fact]
    public async Task The_spend_of_a_schedules_runs_is_its_own_group_and_other_spend_is_not_scheduled()
    {
        Host.Gateway.Reset();
        var id = await Host.CreateAsync("--cron @daily nightly digest");
        Assert.Contains("queued task", (await Host.CommandAsync($"/schedule run {id}")).Text, StringComparison.Ordinal);
        Assert.False((await Host.CommandAsync("/task a plain one")).IsProblem);
        using var admin = Host.CreateClient(Host.AdminToken);

        List<JsonElement> rows = [];
        await Host.UntilAsync(async () =>
        {
            var report = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/costs?from=2026-12-01&to=2026-12-31&groupBy=schedule", UriKind.Relative));
            rows = [.. report.GetProperty("rows").EnumerateArray()];
            return rows.Sum(r => r.GetProperty("calls").GetInt32()) == 2 && rows.Count == 2;
        });

        var scheduled = Assert.Single(rows, r => r.GetProperty("group").GetString() == id);
        Assert.Equal(1, scheduled.GetProperty("calls").GetInt32());
        Assert.Single(rows, r => r.GetProperty("group").ValueKind == JsonValueKind.Null);
        var chat = (await Host.CommandAsync("/costs 2026-12-01..2026-12-31 --by schedule --all", HostFixture.Admin)).Text;
        Assert.Contains($"schedule {id}", chat, StringComparison.Ordinal);
        Assert.Contains("(not scheduled)", chat, StringComparison.Ordinal);
    }
}
