using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;

namespace PluginBot.Plugins.Tasks.Storage;

/// <summary>One task. Spend is not here: the Costs ledger, keyed by task id, is the one record of money.</summary>
internal sealed class TaskRow
{
    public string Id { get; set; } = "";

    public long OwnerId { get; set; }

    /// <summary>The owner's kind when the task was queued (user or admin); the task runs as them.</summary>
    public string OwnerKind { get; set; } = "User";

    /// <summary>The conversation it came from and reports to; null for tasks started over HTTP.</summary>
    public string? Transport { get; set; }

    public string? ChatId { get; set; }

    public string? ThreadId { get; set; }

    /// <summary>The task card's message id in that conversation, once sent.</summary>
    public string? CardMessageId { get; set; }

    /// <summary>Button tokens of the card, issued once so refreshing the card issues none.</summary>
    public string? StopToken { get; set; }

    public string? LogToken { get; set; }

    public string? RetryToken { get; set; }

    public string? Project { get; set; }

    public string Prompt { get; set; } = "";

    public string Executor { get; set; } = "agent";

    public string? ArgumentsJson { get; set; }

    public string? Model { get; set; }

    public long? BudgetCapMicros { get; set; }

    public int RetryCount { get; set; }

    public string? RetryOf { get; set; }

    /// <summary>The transport's key of the message that created the task; unique, so a redelivery creates nothing.</summary>
    public string? IdempotencyKey { get; set; }

    public string? After { get; set; }

    public string? ScheduleId { get; set; }

    /// <summary>What asked for it: <c>chat</c>, <c>http</c>, <c>schedule:&lt;id&gt;</c> … (<see cref="Abstractions.Tasks.EnqueueTask.Origin"/>).</summary>
    public string? Origin { get; set; }

    public TaskState Status { get; set; }

    public string? Stage { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>The process holding the task while it runs.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    /// <summary>Steps completed, as of the checkpoint.</summary>
    public int Step { get; set; }

    public string? CheckpointJson { get; set; }

    /// <summary>Running time of earlier runs (before restarts), for the maximum duration.</summary>
    public long RanForMs { get; set; }

    /// <summary>True once the task has been resumed after its process stopped.</summary>
    public bool Resumed { get; set; }

    public string? Answer { get; set; }

    public string? Summary { get; set; }

    public string? Error { get; set; }

    /// <summary>Bumped by every change: each update is a compare-and-set on it.</summary>
    public long Version { get; set; }
}

/// <summary>One change of a task's state, kept as its history.</summary>
internal sealed class TransitionRow
{
    public long Id { get; set; }

    public string TaskId { get; set; } = "";

    /// <summary>Null for the task's creation.</summary>
    public TaskState? From { get; set; }

    public TaskState To { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>Who made it: a user id, or the process for the engine's own moves.</summary>
    public string By { get; set; } = "";

    public string? Reason { get; set; }
}

/// <summary>Output of one completed step, appended with the step's checkpoint.</summary>
internal sealed class OutputRow
{
    public long Id { get; set; }

    public string TaskId { get; set; } = "";

    public int Step { get; set; }

    public string Text { get; set; } = "";
}
