using Microsoft.Extensions.AI;

namespace PluginBot.Abstractions.Tasks;

/// <summary>
/// Contributes tools the agent executor offers the model, as Microsoft.Extensions.AI functions (a plain method with
/// a description, via <c>AIFunctionFactory.Create</c>). Register with <c>services.AddSingleton&lt;ITaskTools, MyTools&gt;()</c>.
/// A tool runs in the task's scope, may be called again after a restart if its step had not been saved, and should
/// say in its result what went wrong rather than throw.
/// </summary>
public interface ITaskTools
{
    /// <summary>The tools offered to <paramref name="task"/> (none, for tasks they do not apply to).</summary>
    IEnumerable<AITool> ToolsFor(TaskInfo task);
}
