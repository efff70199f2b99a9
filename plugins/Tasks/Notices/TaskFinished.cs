using PluginBot.Abstractions.Events;

namespace PluginBot.Plugins.Tasks.Notices;

/// <summary>A task reached a final state. Enqueued in the same transaction as that state, so it is never lost.</summary>
/// <param name="TaskId">The task.</param>
public sealed record TaskFinished(string TaskId) : IDurableEvent
{
    public string DedupeKey => $"task-finished:{TaskId}";
}
