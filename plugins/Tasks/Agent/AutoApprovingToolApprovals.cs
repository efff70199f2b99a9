using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// The approvals in place until a transport asks people: every call is approved and logged (the tool and the names of
/// its arguments, never their values, which may hold secrets).
/// </summary>
internal sealed partial class AutoApprovingToolApprovals(ILogger<AutoApprovingToolApprovals> logger) : IToolApprovals
{
    public Task<ToolApproval> AskAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Approved(request.Task.Id, request.Tool, string.Join(", ", request.Arguments.Keys), request.Task.Owner.Id);
        return Task.FromResult(ToolApproval.Approve("approved automatically: no transport asks for approvals yet"));
    }

    [LoggerMessage(LogLevel.Information, "Task {Task}: approved {Tool}({Arguments}) for {Owner} automatically; no transport asks for tool approvals yet")]
    private partial void Approved(string task, string tool, string arguments, long owner);
}
