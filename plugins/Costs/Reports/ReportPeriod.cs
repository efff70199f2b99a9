using System.Globalization;

namespace PluginBot.Plugins.Costs.Reports;

/// <summary>A span of local days a report covers, as UTC instants [start, end).</summary>
/// <param name="First">The first local day.</param>
/// <param name="Last">The last local day (inclusive).</param>
internal sealed record ReportPeriod(DateOnly First, DateOnly Last, DateTime FromUtc, DateTime ToUtc, TimeZoneInfo Zone)
{
    /// <summary>The longest span a report covers, so one request cannot ask for centuries of days.</summary>
    public const int MaxDays = 366;

    /// <summary>For people: <c>today (26 Nov 2026)</c>, <c>1–26 Nov 2026</c>, <c>28 Oct – 3 Nov 2026</c>.</summary>
    public string Label
    {
        get
        {
            var c = CultureInfo.InvariantCulture;
            if (First == Last)
            {
                return First.ToString("d MMM yyyy", c);
            }

            return First.Year != Last.Year ? $"{First.ToString("d MMM yyyy", c)} – {Last.ToString("d MMM yyyy", c)}"
                : First.Month != Last.Month ? $"{First.ToString("d MMM", c)} – {Last.ToString("d MMM yyyy", c)}"
                : $"{First.Day}–{Last.ToString("d MMM yyyy", c)}";
        }
    }

    public static ReportPeriod Of(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        var from = Budgets.BudgetPeriod.Containing(Budgets.PeriodKind.Day, ToUtcNoon(first, zone), zone).StartUtc;
        var to = Budgets.BudgetPeriod.Containing(Budgets.PeriodKind.Day, ToUtcNoon(last, zone), zone).EndUtc;
        return new ReportPeriod(first, last, from, to, zone);
    }

    /// <summary>
    /// <c>today</c>, <c>yesterday</c>, <c>week</c> (the last 7 days), <c>month</c> (this month so far),
    /// <c>YYYY-MM-DD</c> or <c>YYYY-MM-DD..YYYY-MM-DD</c>; null or empty is this month.
    /// </summary>
    /// <returns>The period, or an error saying what is accepted.</returns>
    public static (ReportPeriod? Period, string? Error) Parse(string? text, DateTime nowUtc, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone));
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "month":
                return (Of(new DateOnly(today.Year, today.Month, 1), today, zone), null);
            case "today":
                return (Of(today, today, zone), null);
            case "yesterday":
                return (Of(today.AddDays(-1), today.AddDays(-1), zone), null);
            case "week":
                return (Of(today.AddDays(-6), today, zone), null);
        }

        var parts = text.Trim().Split("..");
        if (parts.Length is 1 or 2 && TryDate(parts[0], out var first) && TryDate(parts[^1], out var last))
        {
            if (last < first)
            {
                return (null, $"The period {text.Trim()} ends before it starts: write the earlier date first.");
            }

            if (last.DayNumber - first.DayNumber >= MaxDays)
            {
                return (null, $"The period {text.Trim()} is longer than {MaxDays} days: ask for a year or less at a time.");
            }

            return (Of(first, last, zone), null);
        }

        return (null, $"'{text.Trim()}' is not a period: use today, yesterday, week, month, a date (2026-11-03) or a range (2026-11-01..2026-11-15).");
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static DateTime ToUtcNoon(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, 0)), zone);
}
