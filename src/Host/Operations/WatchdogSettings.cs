using System.Globalization;

namespace PluginBot.Host.Operations;

/// <summary>
/// What systemd told the process about its watchdog (<c>sd_watchdog_enabled</c>'s rules): <c>WATCHDOG_USEC</c> is the
/// limit, <c>WATCHDOG_PID</c>, when set, names the process that must ping, and <c>NOTIFY_SOCKET</c> is where to.
/// </summary>
internal sealed record WatchdogSettings(TimeSpan? Limit, string? NotifySocket)
{
    /// <summary>Ping at half the limit, as sd_watchdog_enabled(3) recommends.</summary>
    public TimeSpan Interval => (Limit ?? TimeSpan.Zero) / 2;

    public static WatchdogSettings Off { get; } = new(null, null);

    public bool Enabled => Limit is not null && !string.IsNullOrEmpty(NotifySocket);

    public static WatchdogSettings FromEnvironment(Func<string, string?> variable, int processId)
    {
        var socket = variable("NOTIFY_SOCKET");
        if (!long.TryParse(variable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) || usec <= 0)
        {
            return new WatchdogSettings(null, socket);
        }

        // A watchdog meant for another process (a wrapper that exec'd us keeps its own pid in the variable) is not ours.
        if (variable("WATCHDOG_PID") is { Length: > 0 } pid
            && (!int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || owner != processId))
        {
            return new WatchdogSettings(null, socket);
        }

        return new WatchdogSettings(TimeSpan.FromMicroseconds(usec), socket);
    }
}
