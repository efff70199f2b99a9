using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// A task's spend, read from the Costs ledger (the one record of money) by task id. Costs is an optional dependency:
/// without it (<paramref name="costsActive"/> false) the spend is null and the card says "unknown" rather than a
/// made-up $0.
/// </summary>
internal sealed class TaskSpend(IServiceScopeFactory scopes, ILogger<TaskSpend> logger, bool costsActive)
{
    public async Task<SpendSummary?> ForAsync(string taskId, CancellationToken cancellationToken)
    {
        if (!costsActive)
        {
            return null;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IActorAccessor>().Current = Actor.System("worker");
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetSpend(TaskId: taskId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not read the spend of task {Task}: {Error}", taskId, ex.Message);
            return null;
        }
    }
}
