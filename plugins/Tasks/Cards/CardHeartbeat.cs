using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Plugins.Tasks.Engine;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// Every few seconds, edits in place the cards of the tasks running here (elapsed time, spend, stage) and of the
/// first queued tasks (their place in the queue).
/// </summary>
internal sealed class CardHeartbeat(TaskCards cards, RunningTasks running, TimeProvider time, IOptions<TasksOptions> options, ILogger<CardHeartbeat> logger) : BackgroundService
{
    private const int QueuedCardsFollowed = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CardRefreshSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                foreach (var run in running.All.Where(r => r.HasConversation).ToList())
                {
                    await cards.RefreshAsync(run.Id, stoppingToken);
                }

                // Further down the queue a place changes with every task that starts: not worth an edit each time.
                await cards.RefreshQueuedAsync(QueuedCardsFollowed, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Refreshing task cards failed; trying again");
            }
        }
    }
}
