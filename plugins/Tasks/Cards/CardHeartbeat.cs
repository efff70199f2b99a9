using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Plugins.Tasks.Engine;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>Every few seconds, edits the cards of the tasks running here in place: elapsed time, spend, stage.</summary>
internal sealed class CardHeartbeat(TaskCards cards, RunningTasks running, TimeProvider time, IOptions<TasksOptions> options, ILogger<CardHeartbeat> logger) : BackgroundService
{
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
