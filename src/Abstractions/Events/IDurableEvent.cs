using MediatR;

namespace PluginBot.Abstractions.Events;

/// <summary>
/// An event that must not be lost (task finished → tell the user). Enqueue it with <see cref="IOutbox"/>:
/// it is delivered at least once, after the transaction that enqueued it commits, and again after a crash.
/// Handlers use <see cref="DedupeKey"/> to make a repeated delivery harmless.
/// </summary>
public interface IDurableEvent : INotification
{
    /// <summary>Unique per logical event; enqueueing the same key twice stores it once.</summary>
    string DedupeKey { get; }
}
