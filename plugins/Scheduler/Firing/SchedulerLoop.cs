using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>
/// Looks for due schedules every few seconds, and at the soonest next run when that comes first, and fires them; a
/// full batch is followed at once by the next.
/// </summary>
internal sealed class SchedulerLoop(
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILoopLiveness liveness,
    IOptions<SchedulerOptions> options,
    ILogger<SchedulerLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(options.Value.PollSeconds);
        using var beat = liveness.Register("scheduler:due", poll * 3 + TimeSpan.FromMinutes(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            beat.Beat();
            var wait = poll;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var firer = scope.ServiceProvider.GetRequiredService<ScheduleFirer>();
                if (await firer.FireDueAsync(stoppingToken) >= ScheduleFirer.BatchSize)
                {
                    continue;
                }

                wait = Until(await firer.EarliestDueAsync(stoppingToken), poll);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Looking for due schedules failed; trying again in {Seconds} s", poll.TotalSeconds);
            }

            try
            {
                await Task.Delay(wait, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Sleeps until the soonest next run when it comes before the next look, so a run starts on time rather than up to
    /// a poll late. One still due after a pass could not be fired: it waits a whole poll, not a busy loop.
    /// </summary>
    private TimeSpan Until(DateTime? earliest, TimeSpan poll)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return earliest is { } next && next > now && next - now < poll ? next - now : poll;
    }
}
