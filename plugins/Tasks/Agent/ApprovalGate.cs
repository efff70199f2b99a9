using Microsoft.Extensions.AI;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// A task's tool as the function-invocation loop sees it. A tool wrapped in <see cref="ApprovalRequiredAIFunction"/>
/// is marked <see cref="RequiresApproval"/> and the marker is hidden from the loop: left visible, the loop would end
/// the request and hand approval requests back as messages, where the task asks <c>IToolApprovals</c> itself, in the
/// middle of the turn, so that approved, denied and plain calls all reach the one invoker that checkpoints results.
/// </summary>
internal sealed class ApprovalGate : DelegatingAIFunction
{
    private ApprovalGate(AIFunction tool, bool requiresApproval)
        : base(tool) => RequiresApproval = requiresApproval;

    public bool RequiresApproval { get; }

    public static AITool For(AITool tool) =>
        tool is AIFunction function ? new ApprovalGate(function, function.GetService<ApprovalRequiredAIFunction>() is not null) : tool;

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceType == typeof(ApprovalRequiredAIFunction) ? null : base.GetService(serviceType, serviceKey);
    }
}
