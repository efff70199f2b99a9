using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PluginBot.Abstractions.Events;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Events;

/// <summary>Writes durable events into <c>kernel_outbox</c> inside the caller's transaction.</summary>
internal sealed class Outbox(KernelDbContext kernel, OutboxSignal signal, TimeProvider time) : IOutbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task EnqueueAsync(DbContext through, IDurableEvent durableEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(through);
        ArgumentNullException.ThrowIfNull(durableEvent);
        var transaction = through.Database.CurrentTransaction?.GetDbTransaction();
        if (transaction is not null && !ReferenceEquals(transaction.Connection, kernel.Database.GetDbConnection()))
        {
            throw new InvalidOperationException("The outbox can only join a transaction on the scope's shared connection: register the context with AddPluginDbContext.");
        }

        // The caller may be the kernel's own context, already in its transaction.
        var joins = !ReferenceEquals(through, kernel);
        if (joins)
        {
            await kernel.Database.UseTransactionAsync(transaction, cancellationToken);
        }

        try
        {
            // INSERT OR IGNORE: enqueueing the same logical event twice stores it once.
            await kernel.Database.ExecuteSqlInterpolatedAsync(
                $"""
                INSERT OR IGNORE INTO kernel_outbox (DedupeKey, EventType, PayloadJson, EnqueuedAtUtc, Attempts)
                VALUES ({durableEvent.DedupeKey}, {durableEvent.GetType().FullName}, {JsonSerializer.Serialize(durableEvent, durableEvent.GetType(), Json)}, {time.GetUtcNow().UtcDateTime}, 0)
                """,
                cancellationToken);
        }
        finally
        {
            if (joins)
            {
                await kernel.Database.UseTransactionAsync(null, cancellationToken);
            }
        }

        if (transaction is null)
        {
            signal.Notify();
        }
    }
}
