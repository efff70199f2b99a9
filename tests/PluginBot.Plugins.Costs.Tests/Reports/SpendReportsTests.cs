using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Ledger;
using PluginBot.Plugins.Costs.Reports;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Costs.Tests.Reports;

/// <summary>Aggregations over a hand-made ledger whose totals are worked out by hand below.</summary>
public sealed class SpendReportsTests(CostsFixture fixture) : CostsTest(fixture)
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Host.OpenDatabase();
        db.Ledger.AddRange(
            // 3 Nov, Berlin: user 2, two models, one call through a gateway that reported its price.
            Row(new(2026, 11, 3, 9, 0, 0), HostFixture.UserId, "site", "anthropic", "claude-x", 120_000, CostSource.Catalog),
            Row(new(2026, 11, 3, 10, 0, 0), HostFixture.UserId, "site", "openai", "gpt-y", 30_000, CostSource.Gateway),
            // 23:30 UTC on 3 Nov is 00:30 on 4 Nov in Berlin.
            Row(new(2026, 11, 3, 23, 30, 0), HostFixture.OtherUserId, null, "openai", "gpt-y", 5_000, CostSource.Catalog),
            // An unpriced call and an interrupted one on 4 Nov.
            Row(new(2026, 11, 4, 8, 0, 0), HostFixture.UserId, "site", "openai", "mystery", 0, CostSource.Unpriced),
            Row(new(2026, 11, 4, 9, 0, 0), HostFixture.UserId, "docs", "anthropic", "claude-x", 205_000, CostSource.Estimate, LedgerStatus.Interrupted),
            // Outside the period.
            Row(new(2026, 10, 31, 22, 0, 0), HostFixture.UserId, "site", "anthropic", "claude-x", 999_000, CostSource.Catalog));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Grouped_by_model_over_a_period()
    {
        var rows = await QueryAsync(new SpendQuery(Utc(2026, 11, 1), Utc(2026, 12, 1), Berlin, SpendGrouping.Model));

        Assert.Equal(
            [("gw:claude-x", 325_000L, 2, 0, 1), ("gw:gpt-y", 35_000L, 2, 0, 0), ("gw:mystery", 0L, 1, 1, 0)],
            rows.Select(r => (r.Group!, r.Cost.Micros, r.Calls, r.Unpriced, r.Interrupted)));
    }

    [Fact]
    public async Task Grouped_by_local_day_in_the_readers_time_zone()
    {
        var rows = await QueryAsync(new SpendQuery(Utc(2026, 11, 1), Utc(2026, 12, 1), Berlin, SpendGrouping.Day));

        Assert.Equal(
            [(new DateOnly(2026, 11, 3), 150_000L), (new DateOnly(2026, 11, 4), 210_000L)],
            rows.Select(r => (r.Day!.Value, r.Cost.Micros)));
    }

    [Fact]
    public async Task The_same_ledger_read_in_UTC_puts_the_late_call_on_the_earlier_day()
    {
        var rows = await QueryAsync(new SpendQuery(Utc(2026, 11, 1), Utc(2026, 12, 1), TimeZoneInfo.Utc, SpendGrouping.Day));

        Assert.Equal([155_000L, 205_000L], rows.Select(r => r.Cost.Micros));
    }

    [Fact]
    public async Task Grouped_by_user_project_and_provider()
    {
        var period = new SpendQuery(Utc(2026, 11, 1), Utc(2026, 12, 1), Berlin);

        Assert.Equal([("2", 355_000L), ("3", 5_000L)], (await QueryAsync(period with { GroupBy = SpendGrouping.User })).Select(r => (r.Group!, r.Cost.Micros)));
        Assert.Equal([("docs", 205_000L), ("site", 150_000L), (null, 5_000L)], (await QueryAsync(period with { GroupBy = SpendGrouping.Project })).Select(r => (r.Group, r.Cost.Micros)));
        Assert.Equal([("anthropic", 325_000L), ("openai", 35_000L)], (await QueryAsync(period with { GroupBy = SpendGrouping.Provider })).Select(r => (r.Group!, r.Cost.Micros)));
    }

    [Fact]
    public async Task One_users_rows_only()
    {
        var rows = await QueryAsync(new SpendQuery(Utc(2026, 11, 1), Utc(2026, 12, 1), Berlin) { UserId = HostFixture.OtherUserId });

        Assert.Equal(5_000, Assert.Single(rows).Cost.Micros);
    }

    [Fact]
    public async Task An_empty_period_has_no_rows()
    {
        Assert.Empty(await QueryAsync(new SpendQuery(Utc(2026, 9, 1), Utc(2026, 10, 1), Berlin, SpendGrouping.Day)));
    }

    private async Task<IReadOnlyList<SpendRow>> QueryAsync(SpendQuery query)
    {
        await using var db = Host.OpenDatabase();
        return await new SpendReports(db).QueryAsync(query, CancellationToken.None);
    }

    private static DateTime Utc(int year, int month, int day) => new(year, month, day, 0, 0, 0, DateTimeKind.Utc);

    private static LedgerRow Row(DateTime atUtc, long userId, string? project, string provider, string model, long micros, CostSource source, LedgerStatus status = LedgerStatus.Settled)
    {
        var row = SpendLedger.NewRow(Guid.NewGuid(), new LlmCallContext { Actor = new(userId, Abstractions.Actors.ActorKind.User, "test"), Project = project }, "gw", "openai", model, false, 1, DateTime.SpecifyKind(atUtc, DateTimeKind.Utc));
        (row.Provider, row.CostMicros, row.Source, row.Status) = (provider, micros, source, status);
        return row;
    }
}
