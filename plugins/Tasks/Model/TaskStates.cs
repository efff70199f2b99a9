using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Model;

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
