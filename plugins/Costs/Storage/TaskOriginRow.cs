namespace PluginBot.Plugins.Costs.Storage;

/// <summary>
/// What asked for a task (<c>schedule:k3x9p2</c>, <c>http</c>, …), learnt from the task's events: spend is recorded by
/// task, and reports group it by what started the task.
/// </summary>
internal sealed class TaskOriginRow
{
    public required string TaskId { get; set; }

    public required string Origin { get; set; }
}
