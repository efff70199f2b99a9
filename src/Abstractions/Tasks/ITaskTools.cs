using Microsoft.Extensions.AI;

namespace PluginBot.Abstractions.Tasks;

/// <summary>
/// Contributes tools the agent executor offers the model, as Microsoft.Extensions.AI functions (a plain method with
/// a description, via <c>AIFunctionFactory.Create</c>). Register with <c>services.AddSingleton&lt;ITaskTools, MyTools&gt;()</c>.
/// <para>
/// A tool runs in the task's own scope, whose actor is the task's owner: an <see cref="IServiceProvider"/> parameter
/// of an <c>AIFunctionFactory</c> method (or <c>AIFunctionArguments.Services</c>) resolves scoped services from it.
/// Wrap a tool in <c>ApprovalRequiredAIFunction</c> to have every call approved first (see <see cref="IToolApprovals"/>).
/// </para>
/// <para>
/// Each call's result is checkpointed before the next call or model step, so a resumed task never runs a call that
/// finished again. A call cut short by a crash or a stop has no result and runs again when the task resumes: make a
/// tool's side effects safe to repeat where you can. Say in the result what went wrong rather than throw (an
/// exception's message becomes the result).
/// </para>
/// </summary>
public interface ITaskTools
{
    /// <summary>The tools offered to <paramref name="task"/> (none, for tasks they do not apply to).</summary>
    IEnumerable<AITool> ToolsFor(TaskInfo task);
}
