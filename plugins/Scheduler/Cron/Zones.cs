namespace PluginBot.Plugins.Scheduler.Cron;

/// <summary>IANA zone names only: a Windows name is refused, so a schedule reads the same on every server.</summary>
internal static class Zones
{
    public static TimeZoneInfo? Find(string id) =>
        (id == "UTC" || TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _)) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : null;
}
