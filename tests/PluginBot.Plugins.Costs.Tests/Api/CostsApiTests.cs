using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Api;

public sealed class CostsApiTests(CostsFixture fixture) : CostsTest(fixture)
{
    [Fact]
    public async Task A_user_token_reads_only_its_own_spend()
    {
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.OtherUser);
        await Host.CallAsync(HostFixture.OtherUser);
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        var own = await client.GetFromJsonAsync<JsonElement>("/api/costs?groupBy=user");
        var other = await client.GetAsync(new Uri($"/api/costs?userId={HostFixture.OtherUserId}", UriKind.Relative));

        Assert.Equal(26_000, own.GetProperty("totalMicros").GetInt64());
        Assert.Equal("2", Assert.Single(own.GetProperty("rows").EnumerateArray()).GetProperty("group").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Contains("only its own spend", await other.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_token_reads_everyone_and_can_filter_by_user()
    {
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.OtherUser);
        using var client = Host.CreateClient(Host.AdminToken);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/costs?from=2026-11-01&to=2026-11-30&groupBy=model");
        var one = await client.GetFromJsonAsync<JsonElement>($"/api/costs?userId={HostFixture.OtherUserId}");

        Assert.Equal((52_000L, "$0.052", 2), (all.GetProperty("totalMicros").GetInt64(), all.GetProperty("total").GetString(), all.GetProperty("calls").GetInt32()));
        Assert.Equal(0.052m, all.GetProperty("totalUsd").GetDecimal());
        Assert.Equal(0.052m, Assert.Single(all.GetProperty("rows").EnumerateArray()).GetProperty("costUsd").GetDecimal());
        Assert.Equal("gateway:gpt-test", Assert.Single(all.GetProperty("rows").EnumerateArray()).GetProperty("group").GetString());
        Assert.Equal(26_000, one.GetProperty("totalMicros").GetInt64());
    }

    [Fact]
    public async Task Costs_in_chat_and_over_http_are_one_report()
    {
        await Host.CallAsync(HostFixture.User);
        Host.Clock.Advance(TimeSpan.FromDays(1));
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.OtherUser);
        using var client = Host.CreateClient(Host.AdminToken);

        var chat = await Host.CommandAsync("/costs today --by user --all", HostFixture.Admin);
        var today = await client.GetFromJsonAsync<JsonElement>("/api/costs?period=today&groupBy=user");
        var month = await client.GetFromJsonAsync<JsonElement>("/api/costs?groupBy=user");
        var mixed = await client.GetAsync(new Uri("/api/costs?period=week&from=2026-11-01&to=2026-11-30", UriKind.Relative));

        Assert.Equal(("$0.052", 2, "$0.078"), (today.GetProperty("total").GetString(), today.GetProperty("rows").GetArrayLength(), month.GetProperty("total").GetString()));
        Assert.StartsWith("**Everyone's spend, 26 Nov 2026** (UTC): **$0.052** in 2 calls", chat.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, mixed.StatusCode);
        Assert.Contains("a period or from and to, not both", await mixed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_has_one_line_per_day_and_group()
    {
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.User, model: "cheap");
        using var client = Host.CreateClient(Host.AdminToken);

        using var response = await client.GetAsync(new Uri("/api/costs.csv?groupBy=model", UriKind.Relative));
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            [
                "day,group,cost_usd,cost_micros,calls,input_tokens,output_tokens,unpriced_calls,interrupted_calls",
                "2026-11-25,gateway:gpt-test,0.026000,26000,1,12,7,0,0",
                "2026-11-25,gateway:cheap-model,0.002600,2600,1,12,7,0,0",
            ],
            lines);
    }

    [Theory]
    [InlineData("/api/costs?groupBy=colour", "groupBy=colour is not a grouping")]
    [InlineData("/api/costs?to=2026-11-03", "Give from together with to")]
    [InlineData("/api/costs?from=2026-13-01", "is not a period")]
    [InlineData("/api/costs?timeZone=Mars/Olympus", "is not a time zone")]
    public async Task Bad_queries_are_answered_400_with_the_reason(string url, string expected)
    {
        using var client = Host.CreateClient(Host.AdminToken);

        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_and_budgets_are_for_admins()
    {
        using var anonymous = Host.CreateClient();
        using var user = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        using var admin = Host.CreateClient(Host.AdminToken);
        await Host.SetBudgetAsync(FormattableString.Invariant($"global month {Dollars(200_000_000)}"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/api/costs", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync(new Uri("/api/budgets", UriKind.Relative))).StatusCode);
        using var answer = await admin.GetAsync(new Uri("/api/budgets", UriKind.Relative));
        Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var budgets = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var global = budgets.GetProperty("budgets").EnumerateArray().First(b => b.GetProperty("budget").GetString() == "global/month");
        Assert.Equal(200_000_000, global.GetProperty("limitMicros").GetInt64());
        Assert.Equal(200m, global.GetProperty("limitUsd").GetDecimal());
        Assert.Equal(0m, global.GetProperty("spentUsd").GetDecimal());
    }

    [Fact]
    public async Task Spend_by_task_for_other_plugins_and_a_user_cannot_name_another()
    {
        await Host.CallAsync(HostFixture.User, taskId: "t1");
        await Host.CallAsync(HostFixture.User, taskId: "t1");
        await Host.CallAsync(HostFixture.User, taskId: "t2");

        var task = await Host.SendAsync(new GetSpend(TaskId: "t1"), HostFixture.User);
        Assert.Equal((Usd.FromMicros(52_000), 2, "$0.052"), (task.Cost, task.Calls, task.ToString()));
        Assert.Equal(SpendSummary.None, await Host.SendAsync(new GetSpend(TaskId: "t1"), HostFixture.OtherUser));
        await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(new GetSpend(UserId: HostFixture.UserId), HostFixture.OtherUser));
        Assert.Equal(Usd.FromDollars(0.078m), (await Host.SendAsync(new GetSpend(UserId: HostFixture.UserId), HostFixture.Admin)).Cost);
    }
}
