using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// A task's spend, read from the Costs ledger (the one record of money) by task id. Null when no plugin answers
/// spend queries: the card then says "unknown" rather than a made-up $0.
/// </summary>
internal sealed class TaskSpend(IServiceScopeFactory scopes, ILogger<TaskSpend> logger)
{
    private bool? _answered;

    public async Task<SpendSummary?> ForAsync(string taskId, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Asked once: without a handler every query would fail (and be logged as an error) in the pipeline.
            _answered ??= scope.ServiceProvider.GetService<IRequestHandler<GetSpend, SpendSummary>>() is not null;
            if (_answered == false)
            {
                return null;
            }

            return await scope.ServiceProvider.GetRequiredService<IRequestSender>().SendAsAsync(Actor.System("worker"), new GetSpend(TaskId: taskId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not read the spend of task {Task}: {Error}", taskId, ex.Message);
            return null;
        }
    }
}
