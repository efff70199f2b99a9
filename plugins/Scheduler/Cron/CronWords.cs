using System.Globalization;

namespace PluginBot.Plugins.Scheduler.Cron;

/// <summary>A checked cron expression in plain English: "at 09:00, Monday through Friday".</summary>
internal static class CronWords
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Months = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Describe(CronRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var parts = rule.Text switch
        {
            "@hourly" => ["0", "*", "*", "*", "*"],
            "@daily" => ["0", "0", "*", "*", "*"],
            "@weekly" => ["0", "0", "*", "*", "0"],
            "@monthly" => ["0", "0", "1", "*", "*"],
            var text => text.Split(' '),
        };
        var (minute, hour, dayOfMonth, month, dayOfWeek) = (parts[0], parts[1], parts[2], parts[3], parts[4]);
        var words = new List<string> { Time(minute, hour) };
        if (dayOfMonth is not ("*" or "?"))
        {
            words.Add($"on day {List(dayOfMonth, d => d)} of the month");
        }

        if (dayOfWeek is not ("*" or "?"))
        {
            words.Add((dayOfMonth is "*" or "?" ? "" : "or ") + List(dayOfWeek, d => Named(d, Days, 0)));
        }

        if (month != "*")
        {
            words.Add("in " + List(month, m => Named(m, Months, 1)));
        }

        return string.Join(", ", words);
    }

    private static string Time(string minute, string hour)
    {
        if (IsNumber(minute) && IsNumber(hour))
        {
            return $"at {int.Parse(hour, CultureInfo.InvariantCulture):00}:{int.Parse(minute, CultureInfo.InvariantCulture):00}";
        }

        var minutes = minute switch
        {
            "*" => "every minute",
            _ when minute.StartsWith("*/", StringComparison.Ordinal) => $"every {minute[2..]} minutes",
            _ when IsNumber(minute) => int.Parse(minute, CultureInfo.InvariantCulture) == 0 ? "on the hour" : $"at minute {minute}",
            _ => $"at minutes {List(minute, m => m)}",
        };
        var hours = hour switch
        {
            "*" => minute == "*" || minute.StartsWith("*/", StringComparison.Ordinal) ? "" : " of every hour",
            _ when hour.StartsWith("*/", StringComparison.Ordinal) => $" of every {hour[2..]} hours",
            _ => $" past hour {List(hour, h => h)}",
        };
        return minutes + hours;
    }

    private static string List(string field, Func<string, string> name) =>
        string.Join(", ", field.Split(',').Select(item =>
        {
            var (range, step) = item.Split('/') is [var r, var s] ? (r, $" every {s}") : (item, "");
            var ends = range.Split('-');
            var text = range == "*" ? "every one" : ends.Length == 2 ? $"{name(ends[0])} through {name(ends[1])}" : name(range);
            return text + step;
        }));

    private static string Named(string value, string[] names, int offset)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number < names.Length)
        {
            return names[number];
        }

        var index = Array.FindIndex(names, n => n.StartsWith(value, StringComparison.OrdinalIgnoreCase) && value.Length == 3);
        return index >= offset ? names[index] : value;
    }

    private static bool IsNumber(string value) => value.Length > 0 && value.All(char.IsAsciiDigit);
}
