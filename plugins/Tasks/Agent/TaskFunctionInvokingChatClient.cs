using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// Microsoft.Extensions.AI's function-invocation loop (model → tool calls → model …) with the task's own parts: each
/// call goes through <see cref="ToolCalls"/> (approval, the task's services, a checkpoint per result), and a call of
/// an unknown tool tells the model which tools there are.
/// </summary>
internal sealed class TaskFunctionInvokingChatClient(IChatClient model, ToolCalls calls, ILoggerFactory loggers, IServiceProvider services)
    : FunctionInvokingChatClient(model, loggers, services)
{
    protected override ValueTask<object?> InvokeFunctionAsync(FunctionInvocationContext context, CancellationToken cancellationToken) =>
        calls.InvokeAsync(context, cancellationToken);

    protected override IList<ChatMessage> CreateResponseMessages(ReadOnlySpan<FunctionInvocationResult> results)
    {
        var messages = base.CreateResponseMessages(results);
        var unknown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            if (result.Status == FunctionInvocationStatus.NotFound)
            {
                unknown[result.CallContent.CallId] = result.CallContent.Name;
            }
        }

        foreach (var content in messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>())
        {
            if (unknown.TryGetValue(content.CallId, out var name))
            {
                content.Result = calls.Unknown(name);
            }
        }

        return messages;
    }
}
