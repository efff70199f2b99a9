using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// A task's spend, read from the Costs ledger (the one record of money) by task id. Costs is an optional dependency:
/// without it (<paramref name="costsActive"/> false) the spend is null and the card says "unknown" rather than a
/// made-up $0.
/// </summary>
internal sealed class TaskSpend(IRequestSender sender, ILogger<TaskSpend> logger, bool costsActive)
{
    public async Task<SpendSummary?> ForAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!costsActive)
        {
            return null;
        }

        try
        {
            return await sender.SendAsAsync(Actor.System("worker"), new GetSpend(TaskId: taskId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not read the spend of task {Task}: {Error}", taskId, ex.Message);
            return null;
        }
    }
}
