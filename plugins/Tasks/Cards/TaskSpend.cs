using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// A task's spend, read from the Costs ledger (the one record of money) by task id. Null when no plugin answers
/// spend queries: the card then says "unknown" rather than a made-up $0.
/// </summary>
internal sealed class TaskSpend(IServiceScopeFactory scopes, ILogger<TaskSpend> logger)
{
    public async Task<SpendSummary?> ForAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<IActorAccessor>().Current = Actor.System("worker");
            return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetSpend(TaskId: taskId), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            logger.LogDebug(ex, "No spend for task {Task}: is the costs plugin installed?", taskId);
            return null;
        }
    }
}
