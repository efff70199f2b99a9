using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PluginBot.Host.Events;

/// <summary>
/// Wakes the outbox dispatcher when a transaction commits on any context (a committed transaction may have
/// carried outbox entries), so dispatch starts right after commit rather than at the next poll.
/// </summary>
internal sealed class OutboxSignal : DbTransactionInterceptor, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Dispose() => _signal.Dispose();

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every entry committed so far.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Notify();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Notify();
        return Task.CompletedTask;
    }
}
