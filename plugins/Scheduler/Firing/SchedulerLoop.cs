using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>Looks for due schedules every few seconds and fires them; a full batch is followed at once by the next.</summary>
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
            var due = 0;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                due = await scope.ServiceProvider.GetRequiredService<ScheduleFirer>().FireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Looking for due schedules failed; trying again in {Seconds} s", poll.TotalSeconds);
            }

            if (due < ScheduleFirer.BatchSize)
            {
                try
                {
                    await Task.Delay(poll, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
