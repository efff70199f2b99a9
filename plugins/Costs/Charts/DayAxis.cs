using System.Globalization;

namespace PluginBot.Plugins.Costs.Charts;

/// <summary>
/// X-axis labels for the days of a period, thinned so that they never overlap: every day, every 2nd, 3rd, 5th,
/// week or fortnight from the first day; beyond that, the first of every month or every few months.
/// </summary>
internal static class DayAxis
{
    private const string ShortFormat = "MMM d";
    private const string LongFormat = "yyyy-MM-dd";

    // Tick labels are 12 px: about 7 px a character, and a gap between labels.
    private const float PixelsPerCharacter = 7;
    private const float Gap = 16;

    private static readonly int[] Steps = [1, 2, 3, 5, 7, 14];

    /// <param name="days">The days of the period, in order.</param>
    /// <param name="widthPixels">The room the labels have.</param>
    public static IReadOnlyList<AxisTick> Ticks(IReadOnlyList<DateOnly> days, float widthPixels)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0)
        {
            return [];
        }

        // The year only when the period crosses one ("Nov 26" is 6 characters at most).
        var (format, characters) = days[0].Year == days[^1].Year ? (ShortFormat, 6) : (LongFormat, 10);
        var maxLabels = Math.Max(1, (int)(widthPixels / ((characters * PixelsPerCharacter) + Gap)));
        return [.. Labelled(days, maxLabels).Select(i => new AxisTick(i, days[i].ToString(format, CultureInfo.InvariantCulture)))];
    }

    private static IEnumerable<int> Labelled(IReadOnlyList<DateOnly> days, int maxLabels)
    {
        foreach (var step in Steps)
        {
            if ((days.Count + step - 1) / step <= maxLabels)
            {
                return Enumerable.Range(0, days.Count).Where(i => i % step == 0);
            }
        }

        var monthStarts = Enumerable.Range(0, days.Count).Where(i => days[i].Day == 1).DefaultIfEmpty(0).ToList();
        var every = (monthStarts.Count + maxLabels - 1) / maxLabels;
        return monthStarts.Where((_, n) => n % every == 0);
    }
}
