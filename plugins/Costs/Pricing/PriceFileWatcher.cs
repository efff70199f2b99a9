using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>
/// Reloads the operator's price file when it changes. It polls the file's size and time instead of using
/// FileSystemWatcher, which misses changes on bind mounts, network shares and Kubernetes config maps and fires
/// several times per save; a change is read once it has held for one interval, so half-written files are skipped.
/// </summary>
internal sealed partial class PriceFileWatcher(PriceCatalog catalog, TimeProvider time, ILogger<PriceFileWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    catalog.ReloadIfFileChanged();
                }
                catch (Exception ex)
                {
                    // A failed check must not stop later ones: the next tick tries again.
                    LogCheckFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the price file for changes failed")]
    private partial void LogCheckFailed(Exception exception);
}
