namespace PluginBot.Abstractions.Tasks;

/// <summary>
/// Decides whether a tool call that needs approval may run. A tool asks for approval by being wrapped in
/// Microsoft.Extensions.AI's <c>ApprovalRequiredAIFunction</c>; the agent executor then asks here before each call and
/// the task's card shows "waiting for approval of …" until the answer comes. A denied call is not run: the model reads
/// the denial as the tool's result and the task goes on. Until a transport asks people, the Tasks plugin's default
/// approves every call and logs it. Register one with <c>services.AddSingleton&lt;IToolApprovals, MyApprovals&gt;()</c>.
/// </summary>
public interface IToolApprovals
{
    /// <summary>
    /// Asks whether <paramref name="request"/> may run; may wait for a person. Cancelled when the task is stopped, runs
    /// out of time or the bot shuts down (the task then asks again when it resumes).
    /// </summary>
    Task<ToolApproval> AskAsync(ToolApprovalRequest request, CancellationToken cancellationToken);
}

/// <summary>A tool call waiting for approval.</summary>
/// <param name="Task">The task that wants to make the call; its <see cref="TaskInfo.Owner"/> is who is asked.</param>
/// <param name="Tool">The tool's name.</param>
/// <param name="Arguments">The arguments the model gave, as the model sent them (JSON values).</param>
/// <param name="CallId">The model's id for the call, unique within the task's conversation.</param>
public sealed record ToolApprovalRequest(TaskInfo Task, string Tool, IReadOnlyDictionary<string, object?> Arguments, string CallId);

/// <summary>The answer to a <see cref="ToolApprovalRequest"/>.</summary>
/// <param name="Approved">True when the call may run.</param>
/// <param name="Reason">Why it was denied (shown to the model), or a note on the approval.</param>
public sealed record ToolApproval(bool Approved, string? Reason = null)
{
    /// <summary>The call may run.</summary>
    public static ToolApproval Approve(string? note = null) => new(true, note);

    /// <summary>The call must not run, for <paramref name="reason"/>.</summary>
    public static ToolApproval Deny(string reason) => new(false, reason);
}
