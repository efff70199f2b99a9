using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Budgets;

namespace PluginBot.Plugins.Costs.Ledger;

/// <summary>
/// Every <see cref="LlmCallCompleted"/> lands in the ledger exactly once: the gate's row is completed, a call the
/// gate never saw gets its own row, and a replayed event is ignored.
/// </summary>
internal sealed class LedgerRecorder(SpendLedger ledger, ReservationLock reservations) : INotificationHandler<LlmCallCompleted>
{
    public async Task Handle(LlmCallCompleted notification, CancellationToken cancellationToken)
    {
        var bill = AttemptBill.Of(notification); // counted before the lock: tokenizing a long answer takes a while
        using (await reservations.EnterAsync(cancellationToken))
        {
            await ledger.RecordAsync(notification, bill, cancellationToken);
        }
    }
}

/// <summary>
/// At start, calls a previous process left running are flagged interrupted: their reservations stay charged,
/// because the provider may have billed them.
/// </summary>
internal sealed class InterruptedCalls(IServiceScopeFactory scopes, ReservationLock reservations, ILogger<InterruptedCalls> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var ledger = scope.ServiceProvider.GetRequiredService<SpendLedger>();
        using (await reservations.EnterAsync(cancellationToken))
        {
            var interrupted = await ledger.InterruptOrphansAsync(reservations.Running, cancellationToken);
            if (interrupted > 0)
            {
                logger.LogWarning("{Count} model calls were cut off by the last shutdown; they stay charged at their estimated cost, flagged interrupted", interrupted);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
