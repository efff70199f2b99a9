namespace PluginBot.Plugins.Tasks.Model;

/// <summary>Where a task is in its life. Every change is one compare-and-set in the database.</summary>
internal enum TaskState
{
    /// <summary>Ready; a worker will claim it.</summary>
    Queued,

    /// <summary>Waiting for the task it runs after to complete.</summary>
    Waiting,

    /// <summary>A worker holds its lease.</summary>
    Running,

    /// <summary>Its process died or stopped; it resumes from its last checkpoint.</summary>
    Interrupted,

    Completed,
    Failed,
    Cancelled,
    BudgetExceeded,
}

internal static class TaskStates
{
    public static readonly TaskState[] Active = [TaskState.Queued, TaskState.Waiting, TaskState.Running, TaskState.Interrupted];

    public static bool IsFinal(this TaskState state) => state is TaskState.Completed or TaskState.Failed or TaskState.Cancelled or TaskState.BudgetExceeded;

    /// <summary>Lowercase words for people: "budget exceeded".</summary>
    public static string Describe(this TaskState state) => state switch
    {
        TaskState.BudgetExceeded => "budget exceeded",
        _ => state.ToString().ToLowerInvariant(),
    };
}
