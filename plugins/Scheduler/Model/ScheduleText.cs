using System.Globalization;
using PluginBot.Plugins.Scheduler.Cron;

namespace PluginBot.Plugins.Scheduler.Model;

/// <summary>How a schedule reads in chat: its rule as written and in words, and times in its own zone.</summary>
internal static class ScheduleText
{
    public static string Rule(ScheduleView schedule) => $"{schedule.Expression} ({schedule.Description}, {schedule.TimeZone})";

    public static string Local(DateTime utc, string zoneId)
    {
        var zone = Zones.Find(zoneId) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        var offset = zone.GetUtcOffset(utc);
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return local.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" (UTC{sign}{offset:hh\\:mm})";
    }

    public static string State(ScheduleView schedule) => schedule switch
    {
        { Paused: true, PausedReason: { } reason } => $"paused: {reason}",
        { Paused: true } => "paused",
        { NextRunUtc: null } => "no run left",
        _ => "next run " + Local(schedule.NextRunUtc!.Value, schedule.TimeZone),
    };

    public static string Short(ScheduleView schedule)
    {
        var prompt = schedule.Prompt.Length > 60 ? schedule.Prompt[..57] + "…" : schedule.Prompt;
        return $"{schedule.Id} · {Rule(schedule)}\n  {State(schedule)} · last: {schedule.LastOutcome ?? "not run yet"}\n  “{prompt}”";
    }
}
