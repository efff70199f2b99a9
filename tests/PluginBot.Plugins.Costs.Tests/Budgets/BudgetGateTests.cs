using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Costs.Features;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Budgets;

public sealed class BudgetGateTests(CostsFixture fixture) : CostsTest(fixture)
{
    /// <summary>What one default fake call costs: 12 prompt and 7 completion tokens.</summary>
    private const long CallMicros = (12 * CostsFixture.InputMicrosPerToken) + (7 * CostsFixture.OutputMicrosPerToken);

    [Fact]
    public async Task A_spent_daily_budget_stops_the_next_call_with_what_was_spent_and_when_it_resets()
    {
        await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} day {Dollars(2 * CallMicros)}"));
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.User);

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.User));

        Assert.Equal("Your daily budget is spent: $0.052 of $0.052. It resets at 00:00 (UTC), in 12 h 0 min. An admin can raise it with /budget user 2 day <USD>.", refused.Message);
        Assert.Equal(2, Host.Gateway.Calls.Count);
        Assert.Equal(2, (await Host.LedgerAsync()).Count);

        await Host.CallAsync(HostFixture.OtherUser); // another user's budget is their own

        Host.Clock.Advance(TimeSpan.FromHours(12));
        Assert.NotEmpty(await Host.CallAsync(HostFixture.User)); // a new day
    }

    [Fact]
    public async Task Days_follow_the_users_time_zone()
    {
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            await scope.ServiceProvider.GetRequiredService<ISettingsStore>().SetAsync(SettingKeys.TimeZone, new SettingScope.User(HostFixture.UserId), "America/New_York");
        }

        await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} day {Dollars(CallMicros)}"));
        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 4, 30, 0, TimeSpan.Zero)); // 23:30 in New York
        await Host.CallAsync(HostFixture.User);
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.User));
        Assert.Contains("resets at 00:00 (America/New_York), in 30 min", refused.Message, StringComparison.Ordinal);

        Host.Clock.Advance(TimeSpan.FromMinutes(31)); // 00:01 in New York, still the 26th in UTC
        await Host.CallAsync(HostFixture.User);
    }

    [Fact]
    public async Task Twenty_concurrent_calls_against_a_nearly_spent_budget_overspend_by_at_most_one_calls_maximum()
    {
        var limit = 3 * CallMicros;
        await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} month {Dollars(limit)}"));
        await Host.CallAsync(HostFixture.User);
        await Host.CallAsync(HostFixture.User);
        Host.Gateway.DefaultReply = new FakeReply { Text = "slow answer", Chunks = 3, ChunkDelay = TimeSpan.FromMilliseconds(50), Usage = new FakeUsage(12, 100) };

        var calls = Enumerable.Range(0, 20).Select(async _ =>
        {
            try
            {
                await Host.CallAsync(HostFixture.User);
                return true;
            }
            catch (BudgetExceededException)
            {
                return false;
            }
        });
        var allowed = (await Task.WhenAll(calls)).Count(ok => ok);

        var rows = await Host.LedgerAsync();
        var maximum = rows.Max(r => r.ReservedMicros);
        Assert.Equal(1, allowed);
        Assert.Equal(3, rows.Count);
        Assert.True(rows.Sum(r => r.CostMicros) - limit <= maximum, $"spent {rows.Sum(r => r.CostMicros)} against {limit}, one call's maximum is {maximum}");
        Assert.All(rows, r => Assert.Equal(LedgerStatus.Settled, r.Status));
    }

    [Fact]
    public async Task A_tasks_cap_arrives_with_the_call_and_covers_all_its_calls()
    {
        await Host.CallAsync(HostFixture.User, taskId: "t1", capMicros: CallMicros + 1);
        await Host.CallAsync(HostFixture.User, taskId: "t1", capMicros: CallMicros + 1);

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.User, taskId: "t1", capMicros: CallMicros + 1));

        Assert.Equal(("task", 2 * CallMicros, CallMicros + 1), (refused.Budget, refused.Spent.Micros, refused.Limit.Micros));
        Assert.StartsWith("This task's budget is spent", refused.Message, StringComparison.Ordinal);
        await Host.CallAsync(HostFixture.User, taskId: "t2", capMicros: CallMicros + 1);
    }

    [Fact]
    public async Task The_bots_monthly_budget_covers_everyone_and_resets_with_the_month()
    {
        await Host.SetBudgetAsync(FormattableString.Invariant($"global month {Dollars(CallMicros)}"));
        await Host.CallAsync(HostFixture.User);

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.OtherUser));
        Assert.StartsWith("The bot's monthly budget is spent: $0.026 of $0.026. It resets on 1 Dec (UTC), in 6 days.", refused.Message, StringComparison.Ordinal);

        Host.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 1, TimeSpan.Zero));
        await Host.CallAsync(HostFixture.OtherUser);
    }

    [Fact]
    public async Task An_unpriced_model_runs_flagged_without_a_budget_and_the_admins_hear_once()
    {
        await Host.CallAsync(HostFixture.User, model: "gateway:retired-model");
        await Host.CallAsync(HostFixture.User, model: "gateway:retired-model");

        var rows = await Host.LedgerAsync();
        Assert.All(rows, r => Assert.Equal((CostSource.Unpriced, 0L), (r.Source, r.CostMicros)));
        await Eventually.UntilAsync(() => Host.Transport.Calls.Any(c => c.Contains("gateway:retired-model has no price", StringComparison.Ordinal)));
        await Host.DeliverOutboxAsync();
        Assert.Single(Host.Transport.Calls, c => c.Contains("has no price", StringComparison.Ordinal));
        Assert.StartsWith($"send {RecordingTransport.TransportName}:{HostFixture.AdminId} ", Host.Transport.Calls.Single(c => c.Contains("has no price", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpriced_model_is_refused_while_a_budget_applies()
    {
        await Host.SetBudgetAsync("user all day 5");

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => Host.CallAsync(HostFixture.User, model: "gateway:retired-model"));

        Assert.Contains("gateway:retired-model has no price", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Plugins:Costs:AllowUnpriced", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Host.Gateway.Calls);
    }

    [Fact]
    public async Task Near_a_budget_a_configured_cheaper_model_is_used_instead_of_stopping()
    {
        var configuration = Host.Services.GetRequiredService<IConfiguration>();
        configuration["Models:BudgetFallbacks:gpt-test"] = "cheap";
        try
        {
            // gpt-test's maximum (about 205,000) would cross the budget; cheap-model's (about 20,500) fits.
            await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} day {Dollars(100_000)}"));

            await Host.CallAsync(HostFixture.User);

            Assert.Equal("cheap-model", Host.Gateway.LastCall.Model);
            Assert.Equal("cheap-model", Assert.Single(await Host.LedgerAsync()).Model);
        }
        finally
        {
            configuration["Models:BudgetFallbacks:gpt-test"] = null;
        }
    }

    [Fact]
    public async Task At_eighty_percent_the_user_is_warned_once_per_period()
    {
        await Host.SetBudgetAsync(FormattableString.Invariant($"user {HostFixture.UserId} day {Dollars(CallMicros * 12 / 5)}"));
        await Host.CallAsync(HostFixture.User);
        await Host.DeliverOutboxAsync();
        Assert.DoesNotContain(Host.Transport.Calls, c => c.Contains("budget is", StringComparison.Ordinal)); // 41 %

        await Host.CallAsync(HostFixture.User); // 83 %
        await Host.CallAsync(HostFixture.User); // 125 %: still allowed, it started below the limit
        await Eventually.UntilAsync(() => Host.Transport.Calls.Any(c => c.Contains("Your daily budget is 83 % spent: $0.052 of $0.0624. It resets at 00:00 (UTC)", StringComparison.Ordinal)));
        await Host.DeliverOutboxAsync();
        Assert.StartsWith($"send {RecordingTransport.TransportName}:{HostFixture.UserId} ", Host.Transport.Calls.Single(c => c.Contains("budget is", StringComparison.Ordinal)), StringComparison.Ordinal);
    }
}
