using Microsoft.EntityFrameworkCore;

namespace PluginBot.Abstractions.Events;

/// <summary>The durable outbox for events that must survive a crash.</summary>
public interface IOutbox
{
    /// <summary>
    /// Writes the event through <paramref name="through"/>'s connection and current transaction, so it commits
    /// or rolls back with the caller's own change. Dispatch starts after the commit.
    /// </summary>
    Task EnqueueAsync(DbContext through, IDurableEvent durableEvent, CancellationToken cancellationToken = default);
}
