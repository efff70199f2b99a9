using PluginBot.Abstractions.Events;

namespace PluginBot.Abstractions.Tasks;

/// <summary>
/// A task changed state (it was queued, started, resumed, ended). Durable: enqueued in the same transaction as the
/// change and delivered at least once after it commits, in no guaranteed order between tasks; read the task with
/// <see cref="GetTask"/> for more. Any plugin may handle it. Since host API 2.0.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="OwnerId">Its owner.</param>
/// <param name="From">The state it left; null when it was just created.</param>
/// <param name="To">The state it is in now.</param>
/// <param name="Origin">What asked for it (see <see cref="EnqueueTask.Origin"/>).</param>
/// <param name="AtUtc">When.</param>
/// <param name="Version">The task's version after the change: increases with every change of the one task.</param>
public sealed record TaskStateChanged(string TaskId, long OwnerId, TaskState? From, TaskState To, string? Origin, DateTime AtUtc, long Version) : IDurableEvent
{
    /// <inheritdoc />
    public string DedupeKey => FormattableString.Invariant($"task-state:{TaskId}:{Version}");
}

/// <summary>
/// A task reached a final state (<see cref="TaskState.Completed"/>, <see cref="TaskState.Failed"/>,
/// <see cref="TaskState.Cancelled"/> or <see cref="TaskState.BudgetExceeded"/>). Durable, delivered at least once:
/// chains, notices and schedules hang on it. Since host API 2.0.
/// </summary>
/// <param name="TaskId">The task.</param>
/// <param name="OwnerId">Its owner.</param>
/// <param name="State">How it ended.</param>
/// <param name="Origin">What asked for it (see <see cref="EnqueueTask.Origin"/>).</param>
/// <param name="AtUtc">When.</param>
public sealed record TaskFinished(string TaskId, long OwnerId, TaskState State, string? Origin, DateTime AtUtc) : IDurableEvent
{
    /// <inheritdoc />
    public string DedupeKey => $"task-finished:{TaskId}";
}
