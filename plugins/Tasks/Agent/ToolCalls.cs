using System.Runtime.ExceptionServices;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// Runs the tool calls of one model turn, one at a time: asks for approval when the tool needs it, runs the tool with
/// the task's services, and checkpoints the conversation with the call's result before the next call starts. A
/// resumed task therefore finds every finished call's result in its checkpoint and runs only the calls that had none.
/// </summary>
internal sealed class ToolCalls(ITaskExecution execution, IToolApprovals approvals, AgentProgress progress, IServiceProvider services, IReadOnlyList<AITool> tools)
{
    private List<ChatMessage> _turn = []; // the conversation up to the model's message with the calls
    private IList<ChatMessage>? _source;
    private int _sourceCount;
    private readonly List<FunctionResultContent> _results = [];

    /// <summary>A failure to save a checkpoint; the loop is told to stop and the run ends with it.</summary>
    public ExceptionDispatchInfo? Failure { get; private set; }

    /// <summary>Runs the call the function-invocation loop hands over; its history ends with the model's calls.</summary>
    public async ValueTask<object?> InvokeAsync(FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        if (!ReferenceEquals(context.Messages, _source) || context.Messages.Count != _sourceCount)
        {
            (_source, _sourceCount) = (context.Messages, context.Messages.Count);
            BeginTurn([.. context.Messages], []);
        }

        try
        {
            return await RunAsync(context.CallContent, context.Function, context.Arguments, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && Failure is null)
        {
            // The loop would hand this to the model as the tool's failure; the run must end instead.
            Failure = ExceptionDispatchInfo.Capture(ex);
            context.Terminate = true;
            return null;
        }
    }

    /// <summary>
    /// After a resume: runs the calls of the conversation's last model turn that have no result yet (the process
    /// stopped between two of them) and returns the conversation with every result.
    /// </summary>
    public async Task<List<ChatMessage>> FinishTurnAsync(List<ChatMessage> conversation, CancellationToken cancellationToken)
    {
        var turn = conversation.FindLastIndex(m => m.Role == ChatRole.Assistant);
        var calls = turn < 0 ? [] : conversation[turn].Contents.OfType<FunctionCallContent>().ToList();
        var done = conversation.Skip(turn + 1).SelectMany(m => m.Contents).OfType<FunctionResultContent>().ToList();
        var missing = calls.Where(c => done.All(r => r.CallId != c.CallId)).ToList();
        if (missing.Count == 0)
        {
            return conversation;
        }

        BeginTurn(conversation[..(turn + 1)], done);
        foreach (var call in missing)
        {
            var function = tools.OfType<AIFunction>().FirstOrDefault(f => f.Name == call.Name);
            await RunAsync(call, function, new AIFunctionArguments(call.Arguments) { Services = services }, cancellationToken);
        }

        // In the order the model asked for them, as a turn the loop had finished.
        var results = calls.Select(c => _results.First(r => r.CallId == c.CallId)).ToList<AIContent>();
        return [.. _turn, new ChatMessage(ChatRole.Tool, results)];
    }

    /// <summary>What the model reads when it calls a tool that does not exist.</summary>
    public string Unknown(string name) =>
        $"error: there is no tool named '{name}'; the tools are {string.Join(", ", tools.Select(t => t.Name))}";

    private void BeginTurn(List<ChatMessage> turn, IEnumerable<FunctionResultContent> done)
    {
        _turn = turn;
        _results.Clear();
        _results.AddRange(done);
    }

    private async Task<FunctionResultContent> RunAsync(FunctionCallContent call, AIFunction? function, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var result = new FunctionResultContent(call.CallId, await ResultAsync(call, function, arguments, cancellationToken));
        _results.Add(result);
        await progress.SaveAsync([.. _turn, new ChatMessage(ChatRole.Tool, [.. _results])], cancellationToken);
        return result;
    }

    private async Task<object?> ResultAsync(FunctionCallContent call, AIFunction? function, AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        if (function is null)
        {
            return Unknown(call.Name);
        }

        if (function.GetService<ApprovalGate>() is { RequiresApproval: true })
        {
            execution.Report(new TaskStage(TaskStageKind.Waiting, $"approval of {Describe(call)}"));
            var answer = await approvals.AskAsync(new ToolApprovalRequest(execution.Task, call.Name, call.Arguments?.AsReadOnly() ?? Empty, call.CallId), cancellationToken);
            if (!answer.Approved)
            {
                var reason = string.IsNullOrWhiteSpace(answer.Reason) ? "no reason given" : answer.Reason;
                return $"the owner denied this call of {call.Name}, so it did not run: {reason}";
            }
        }

        execution.Report(new TaskStage(TaskStageKind.RunningTool, Describe(call)));
        try
        {
            return await function.InvokeAsync(arguments, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The model reads the error and can try otherwise; the task goes on. A tool's own time-out (a
            // cancellation the task did not ask for) is such an error too.
            return $"error: {ex.Message}";
        }
    }

    private static readonly IReadOnlyDictionary<string, object?> Empty = new Dictionary<string, object?>();

    private static string Describe(FunctionCallContent call)
    {
        var target = call.Arguments?.Values.FirstOrDefault()?.ToString();
        return target is { Length: > 0 } ? $"{call.Name} on {(target.Length > 60 ? target[..60] + "…" : target)}" : call.Name;
    }
}
