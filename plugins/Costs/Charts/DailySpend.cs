using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Costs.Charts;

/// <summary>One stacked series: a group's spend on each day of the period.</summary>
internal sealed record SpendSeries(string Name, IReadOnlyList<Usd> Costs, bool IsOther)
{
    public Usd Total => Costs.Aggregate(Usd.Zero, (sum, cost) => sum + cost);
}

/// <summary>
/// Spend shaped for a chart: every day of the period (days without spend are zero), the biggest groups first and
/// the rest summed into one "other" series, so that the chart stays readable however many groups there are.
/// </summary>
internal sealed record DailySpend(IReadOnlyList<DateOnly> Days, IReadOnlyList<SpendSeries> Series)
{
    public const int DefaultMaxGroups = 6;
    public const string OtherName = "other";
    public const string UnnamedGroup = "(none)";

    /// <summary>The highest day, all series stacked.</summary>
    public Usd MaxDay => Enumerable.Range(0, Days.Count)
        .Select(day => Series.Aggregate(Usd.Zero, (sum, series) => sum + series.Costs[day]))
        .DefaultIfEmpty(Usd.Zero)
        .Max();

    /// <summary>
    /// Points outside <paramref name="from"/>..<paramref name="to"/> are left out, and so are amounts of zero
    /// or less (a negative amount would break the stacks).
    /// </summary>
    public static DailySpend Shape(DateOnly from, DateOnly to, IEnumerable<SpendPoint> points, int maxGroups = DefaultMaxGroups)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroups, 1);

        var dayCount = to.DayNumber - from.DayNumber + 1;
        var days = Enumerable.Range(0, dayCount).Select(from.AddDays).ToList();
        var byGroup = new Dictionary<string, Usd[]>(StringComparer.Ordinal);
        foreach (var point in points)
        {
            if (point.Day < from || point.Day > to || !point.Cost.IsPositive)
            {
                continue;
            }

            var name = string.IsNullOrWhiteSpace(point.Group) ? UnnamedGroup : point.Group.Trim();
            if (!byGroup.TryGetValue(name, out var costs))
            {
                byGroup[name] = costs = new Usd[dayCount];
            }

            // Usd's sums saturate: a chart of absurd amounts is still a chart.
            var day = point.Day.DayNumber - from.DayNumber;
            costs[day] += point.Cost;
        }

        var ranked = byGroup
            .Select(g => new SpendSeries(g.Key, g.Value, IsOther: false))
            .OrderByDescending(s => s.Total)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        if (ranked.Count <= maxGroups)
        {
            return new DailySpend(days, ranked);
        }

        var kept = ranked.Take(maxGroups).ToList();
        var rest = ranked.Skip(maxGroups).ToList();
        var other = Enumerable.Range(0, dayCount)
            .Select(day => rest.Aggregate(Usd.Zero, (sum, series) => sum + series.Costs[day]))
            .ToArray();

        // A real group may be called "other" (a project, say); the legend must not show the name twice.
        var otherName = kept.Any(s => s.Name == OtherName) ? $"{rest.Count} more" : OtherName;
        return new DailySpend(days, [.. kept, new SpendSeries(otherName, other, IsOther: true)]);
    }
}
