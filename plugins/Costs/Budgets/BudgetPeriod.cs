using System.Globalization;

namespace PluginBot.Plugins.Costs.Budgets;

/// <summary>How long a budget lasts before it starts again.</summary>
internal enum PeriodKind
{
    Day,
    Month,
}

/// <summary>
/// One day or month in a time zone, as the UTC instants it spans (start inclusive, end exclusive). Periods start at
/// local midnight: across a DST change a day is 23 or 25 hours long, and a midnight the clocks skip starts the day at
/// the first local time that exists.
/// </summary>
internal sealed record BudgetPeriod(PeriodKind Kind, DateTime StartUtc, DateTime EndUtc, TimeZoneInfo Zone)
{
    public static BudgetPeriod Containing(PeriodKind kind, DateTime instantUtc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(instantUtc, DateTimeKind.Utc), zone);
        var (start, end) = kind == PeriodKind.Day
            ? (local.Date, local.Date.AddDays(1))
            : (new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified), new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1));
        return new BudgetPeriod(kind, LocalToUtc(start, zone), LocalToUtc(end, zone), zone);
    }

    /// <summary>The period's key, stable per zone: <c>day:2026-11-26</c>, <c>month:2026-11</c>.</summary>
    public string Key
    {
        get
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(StartUtc, Zone);
            return Kind == PeriodKind.Day
                ? string.Create(CultureInfo.InvariantCulture, $"day:{local:yyyy-MM-dd}")
                : string.Create(CultureInfo.InvariantCulture, $"month:{local:yyyy-MM}");
        }
    }

    /// <summary>"today" or "this month", for messages.</summary>
    public string Name => Kind == PeriodKind.Day ? "daily" : "monthly";

    /// <summary>When it resets, for people: <c>at 00:00 (Europe/Berlin), in 3 h 12 min</c> or <c>on 1 Dec (UTC), in 4 days</c>.</summary>
    public string DescribeReset(DateTime nowUtc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(EndUtc, Zone);
        var when = Kind == PeriodKind.Day
            ? local.ToString("'at' HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("'on' d MMM", CultureInfo.InvariantCulture);
        return $"{when} ({Zone.Id}), in {Humanize(EndUtc - nowUtc)}";
    }

    private static DateTime LocalToUtc(DateTime local, TimeZoneInfo zone)
    {
        // A skipped midnight (clocks jump forward at 00:00) does not exist: the day starts at the first minute that does.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(1);
        }

        // An ambiguous time (clocks fall back) is taken at its first occurrence, the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static string Humanize(TimeSpan span)
    {
        if (span < TimeSpan.FromMinutes(1))
        {
            return "under a minute";
        }

        if (span < TimeSpan.FromHours(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} min");
        }

        if (span < TimeSpan.FromDays(2))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(int)Math.Round(span.TotalDays)} days");
    }
}
