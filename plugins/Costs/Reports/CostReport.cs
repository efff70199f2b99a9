using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Costs.Reports;

/// <summary>Spend over a period: the total, one row per group, and each day's spend per group (for the chart).</summary>
internal sealed record CostReport(ReportPeriod Period, SpendGrouping GroupBy, long? UserId, IReadOnlyList<SpendRow> Groups, IReadOnlyList<SpendRow> Days)
{
    public Usd Total => Groups.Aggregate(Usd.Zero, (sum, g) => sum + g.Cost);

    public int Calls => Groups.Sum(g => g.Calls);

    public int Unpriced => Groups.Sum(g => g.Unpriced);

    public int Interrupted => Groups.Sum(g => g.Interrupted);

    public int Running => Groups.Sum(g => g.Running);

    public static async Task<CostReport> BuildAsync(SpendReports reports, ReportPeriod period, SpendGrouping groupBy, long? userId, CancellationToken cancellationToken)
    {
        var query = new SpendQuery(period.FromUtc, period.ToUtc, period.Zone, groupBy) { UserId = userId };
        var days = await reports.QueryAsync(query with { ByDay = true }, cancellationToken);
        // The per-group totals are the per-day rows added up: one scan of the ledger serves both.
        var groups = groupBy == SpendGrouping.Day
            ? days
            : days.GroupBy(d => d.Group)
                .Select(g => new SpendRow(null, g.Key, g.Aggregate(Usd.Zero, (sum, r) => sum + r.Cost), g.Sum(r => r.Calls), g.Sum(r => r.InputTokens), g.Sum(r => r.OutputTokens), g.Sum(r => r.Unpriced), g.Sum(r => r.Interrupted), g.Sum(r => r.Running)))
                .OrderByDescending(g => g.Cost).ThenBy(g => g.Group, StringComparer.Ordinal)
                .ToList();
        return new CostReport(period, groupBy, userId, groups, days);
    }
}
