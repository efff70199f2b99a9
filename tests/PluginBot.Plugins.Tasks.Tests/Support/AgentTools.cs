using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Tests.Support;

/// <summary>
/// Tools that use what the agent gives them: <c>whoami</c> resolves a scoped service and the actor of the task's
/// scope; <c>hold</c> waits until its task is cancelled while <see cref="HoldUntilCancelled"/> is set;
/// <c>remove_file</c> needs approval and records what it removed.
/// </summary>
public sealed class AgentTools : ITaskTools
{
    private int _holds;
    private TaskCompletionSource _holding = NewSignal();

    public ConcurrentQueue<(Actor? Actor, ScopedProbe Probe)> Seen { get; } = new();

    public ConcurrentQueue<string> Removed { get; } = new();

    public int Holds => _holds;

    public bool HoldUntilCancelled { get; set; }

    /// <summary>Completes when <c>hold</c> has started.</summary>
    public Task Holding => _holding.Task;

    public void Reset()
    {
        Seen.Clear();
        Removed.Clear();
        _holds = 0;
        HoldUntilCancelled = false;
        _holding = NewSignal();
    }

    public IEnumerable<AITool> ToolsFor(TaskInfo task) =>
    [
        AIFunctionFactory.Create((IServiceProvider services) =>
        {
            var actor = services.GetRequiredService<IActorAccessor>().Current;
            Seen.Enqueue((actor, services.GetRequiredService<ScopedProbe>()));
            return $"you are {actor}";
        }, "whoami", "Says who the task runs as"),
        AIFunctionFactory.Create(async (CancellationToken cancellationToken) =>
        {
            Interlocked.Increment(ref _holds);
            _holding.TrySetResult();
            if (HoldUntilCancelled)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return "held";
        }, "hold", "Holds on"),
        new ApprovalRequiredAIFunction(AIFunctionFactory.Create((string path) =>
        {
            Removed.Enqueue(path);
            return $"removed {path}";
        }, "remove_file", "Removes a file")),
    ];

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A scoped service: one instance per scope, so two tools that see the same one ran in the same scope.</summary>
public sealed class ScopedProbe
{
    public Guid Id { get; } = Guid.NewGuid();
}

/// <summary>Approvals a test answers: approved at once unless <see cref="Answer"/> says otherwise; every request kept.</summary>
public sealed class ScriptedApprovals : IToolApprovals
{
    public ConcurrentQueue<ToolApprovalRequest> Asked { get; } = new();

    public Func<ToolApprovalRequest, CancellationToken, Task<ToolApproval>> Answer { get; set; } = Approve;

    public void Reset()
    {
        Asked.Clear();
        Answer = Approve;
    }

    public Task<ToolApproval> AskAsync(ToolApprovalRequest request, CancellationToken cancellationToken)
    {
        Asked.Enqueue(request);
        return Answer(request, cancellationToken);
    }

    private static Task<ToolApproval> Approve(ToolApprovalRequest request, CancellationToken cancellationToken) => Task.FromResult(ToolApproval.Approve());
}
