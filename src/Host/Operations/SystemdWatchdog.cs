using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;

namespace PluginBot.Host.Operations;

/// <summary>
/// Sends <c>WATCHDOG=1</c> to systemd at half of <c>WATCHDOG_USEC</c>, but only while every loop registered with
/// <see cref="LoopLiveness"/> beat recently (Microsoft.Extensions.Hosting.Systemd sends READY and STOPPING, never
/// WATCHDOG). While a loop is stalled it sends a <c>STATUS=</c> line naming it instead, on every tick, so
/// <c>systemctl status</c> shows why, and systemd restarts the service once <c>WatchdogSec</c> passes without a ping.
/// </summary>
internal sealed partial class SystemdWatchdog(
    LoopLiveness loops,
    WatchdogSettings settings,
    ISystemdNotifier notifier,
    TimeProvider time,
    ILogger<SystemdWatchdog> logger) : BackgroundService
{
    private readonly ILogger<SystemdWatchdog> _logger = logger;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(settings.Interval.TotalSeconds);
        using var timer = new PeriodicTimer(settings.Interval, time);
        var stalled = false;
        do
        {
            stalled = Tick(stalled);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One watchdog turn; returns whether a loop is stalled now.</summary>
    internal bool Tick(bool wasStalled)
    {
        var silent = loops.Snapshot().Where(l => l.Silence > l.MaxSilence).ToList();
        if (silent.Count == 0)
        {
            if (wasStalled)
            {
                LogRecovered();
                notifier.Notify(new ServiceState("STATUS=Running; every loop beats"));
            }

            notifier.Notify(new ServiceState("WATCHDOG=1"));
            return false;
        }

        var names = string.Join(", ", silent.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Name} silent for {l.Silence.TotalSeconds:0.#} s (limit {l.MaxSilence.TotalSeconds:0.#} s)")));
        if (!wasStalled)
        {
            LogStalled(names);
        }

        notifier.Notify(new ServiceState($"STATUS=Not pinging the watchdog: {names}"));
        return true;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog: pinging every {Seconds:0.#} s while every loop beats")]
    private partial void LogStarted(double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "systemd watchdog: {Loops}; not pinging the watchdog, so systemd restarts the service unless the loop recovers")]
    private partial void LogStalled(string loops);

    [LoggerMessage(Level = LogLevel.Warning, Message = "systemd watchdog: every loop beats again; pinging resumed")]
    private partial void LogRecovered();
}
