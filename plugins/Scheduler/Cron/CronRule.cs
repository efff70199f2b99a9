using System.Globalization;
using Cronos;

namespace PluginBot.Plugins.Scheduler.Cron;

/// <summary>
/// A five-field cron expression (or one of the macros), checked field by field so that a mistake is answered with the
/// field and value at fault, then handed to Cronos for the occurrences in a time zone.
/// </summary>
internal sealed class CronRule
{
    private static readonly string[] Macros = ["@hourly", "@daily", "@weekly", "@monthly"];

    private static readonly Field[] Fields =
    [
        new("minute", 0, 59, null),
        new("hour", 0, 23, null),
        new("day of month", 1, 31, null),
        new("month", 1, 12, ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]),
        new("day of week", 0, 7, ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]),
    ];

    private readonly CronExpression _expression;

    private CronRule(string text, CronExpression expression) => (Text, _expression) = (text, expression);

    /// <summary>The expression as written (trimmed, single spaces).</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; the error names the field and value at fault.</summary>
    public static bool TryParse(string? text, out CronRule? rule, out string? error)
    {
        rule = null;
        error = Check(text, out var normalized);
        if (error is not null)
        {
            return false;
        }

        try
        {
            rule = new CronRule(normalized, CronExpression.Parse(normalized, CronFormat.Standard));
            return true;
        }
        catch (CronFormatException ex)
        {
            error = $"'{normalized}' is not a cron expression Cronos accepts: {ex.Message}";
            return false;
        }
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>, in UTC; null when there is none.</summary>
    public DateTime? NextAfter(DateTime afterUtc, TimeZoneInfo zone) =>
        _expression.GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), zone);

    /// <summary>The next <paramref name="count"/> occurrences after <paramref name="afterUtc"/>.</summary>
    public IReadOnlyList<DateTime> Next(DateTime afterUtc, TimeZoneInfo zone, int count)
    {
        var list = new List<DateTime>(count);
        var at = afterUtc;
        while (list.Count < count && NextAfter(at, zone) is { } next)
        {
            list.Add(next);
            at = next;
        }

        return list;
    }

    /// <summary>The shortest gap between two of the next <paramref name="sample"/> occurrences (null: fewer than two).</summary>
    public TimeSpan? ShortestGap(DateTime fromUtc, TimeZoneInfo zone, int sample = 100)
    {
        var times = Next(fromUtc, zone, sample);
        return times.Count < 2 ? null : times.Zip(times.Skip(1), (a, b) => b - a).Min();
    }

    private static string? Check(string? text, out string normalized)
    {
        normalized = string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (normalized.Length == 0)
        {
            return "the cron expression is empty: give five fields (minute hour day-of-month month day-of-week), e.g. \"0 9 * * 1-5\"";
        }

        if (normalized.StartsWith('@'))
        {
            normalized = normalized.ToLowerInvariant();
            return Macros.Contains(normalized) ? null : $"unknown macro {normalized}: use one of {string.Join(", ", Macros)}";
        }

        var parts = normalized.Split(' ');
        if (parts.Length == 6)
        {
            return "a seconds field is not supported: use five fields (minute hour day-of-month month day-of-week); the shortest interval is one minute";
        }

        if (parts.Length != 5)
        {
            return $"a cron expression has five fields (minute hour day-of-month month day-of-week); '{normalized}' has {parts.Length}";
        }

        for (var i = 0; i < 5; i++)
        {
            if (Fields[i].Check(parts[i]) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private sealed record Field(string Name, int Min, int Max, string[]? Names)
    {
        public string? Check(string value)
        {
            foreach (var item in value.Split(','))
            {
                if (CheckItem(item) is { } problem)
                {
                    return problem;
                }
            }

            return null;
        }

        private string? CheckItem(string item)
        {
            if (item.Length == 0)
            {
                return $"{Name} has an empty item in a list (two commas, or a comma at an end)";
            }

            // Cronos's extensions (L, W, #, ?) in the day fields are left to it.
            if (Name.StartsWith("day", StringComparison.Ordinal) && item.IndexOfAny(['L', 'W', '#', '?', 'l', 'w']) >= 0)
            {
                return null;
            }

            var (range, step) = item.Split('/') switch
            {
                [var r] => (r, null),
                [var r, var s] => (r, s),
                _ => (item, "/"),
            };
            if (step == "/")
            {
                return $"{Name} '{item}' has more than one step (/)";
            }

            if (step is not null && (!int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var every) || every < 1 || every > Max))
            {
                return $"{Name} step '/{step}' must be a number from 1 to {Max}";
            }

            if (range == "*")
            {
                return null;
            }

            var ends = range.Split('-');
            if (ends.Length > 2 || ends.Any(e => e.Length == 0))
            {
                return $"{Name} '{item}' is not a number, a range (a-b) or *";
            }

            var numbers = new List<int>();
            foreach (var end in ends)
            {
                if (Value(end) is not { } number)
                {
                    return Names is null
                        ? $"{Name} '{end}' is not a number"
                        : $"{Name} '{end}' is not a number or one of {string.Join(", ", Names)}";
                }

                if (number < Min || number > Max)
                {
                    return $"{Name} {number} is out of range {Min}–{Max}";
                }

                numbers.Add(number);
            }

            return numbers.Count == 2 && numbers[0] > numbers[1] ? $"{Name} range {range} runs backwards: write the smaller value first" : null;
        }

        private int? Value(string text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            var index = Names is null ? -1 : Array.FindIndex(Names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            return index < 0 ? null : index + Min;
        }
    }
}
