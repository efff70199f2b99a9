using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// The default executor: prompt → model → tool calls → model ..., until the model answers without calling a tool, on
/// Microsoft.Extensions.AI's <see cref="FunctionInvokingChatClient"/>. What is ours: each model call is a step with its
/// own call context (<see cref="ModelSteps"/>), each tool call is approved if it must be, runs in the task's scope and
/// has its result checkpointed before anything else happens (<see cref="ToolCalls"/>). After a crash the task goes on
/// with the same conversation: no finished tool call runs again, and a turn cut between two calls runs only the rest.
/// </summary>
internal sealed class AgentExecutor(
    IServiceScopeFactory scopes,
    IRequestSender sender,
    IEnumerable<ITaskTools> toolSources,
    IToolApprovals approvals,
    IOptions<TasksOptions> options,
    ILoggerFactory loggers) : ITaskExecutor
{
    public const string Name = "agent";

    public string Kind => Name;

    public async Task<TaskResult> RunAsync(ITaskExecution execution, CancellationToken cancellationToken)
    {
        var task = execution.Task;
        List<ChatMessage> conversation = execution.Checkpoint is { } saved ? [.. saved.Messages] : [new ChatMessage(ChatRole.User, task.Prompt)];

        // A checkpoint taken after the final answer (the process died before the task was marked done).
        if (conversation.Count > 1 && conversation[^1].Role == ChatRole.Assistant && !conversation[^1].Contents.OfType<FunctionCallContent>().Any())
        {
            return new TaskResult(conversation[^1].Text);
        }

        // The task's scope, as its owner: tools resolve their scoped services here (AIFunctionArguments.Services).
        await using var scope = await sender.OpenScopeAsAsync(task.Owner, cancellationToken);
        var tools = toolSources.SelectMany(s => s.ToolsFor(task)).Select(ApprovalGate.For).ToList();
        var progress = new AgentProgress(execution);
        var calls = new ToolCalls(execution, approvals, progress, scope.ServiceProvider, tools);
        conversation = await calls.FinishTurnAsync(conversation, cancellationToken);

        var stepsLeft = options.Value.MaxSteps - progress.Steps;
        if (stepsLeft <= 0)
        {
            throw TooManySteps();
        }

        var model = new ModelSteps(execution, scopes, progress);
        using var loop = new TaskFunctionInvokingChatClient(model, calls, loggers, scope.ServiceProvider)
        {
            // The loop's last iteration asks the model without tools, so the steps left are its iterations plus one.
            MaximumIterationsPerRequest = Math.Max(1, stepsLeft - 1),
            // One call at a time: each result is checkpointed before the next call starts.
            AllowConcurrentInvocation = false,
        };
        var chatOptions = tools.Count == 0 || stepsLeft == 1 ? null : new ChatOptions { Tools = tools };
        await foreach (var _ in loop.GetStreamingResponseAsync(conversation, chatOptions, cancellationToken))
        {
            // ModelSteps writes the text as it streams; the loop's own updates repeat it.
        }

        calls.Failure?.Throw();
        if (model.LastResponse is not { } answer || answer.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Any())
        {
            throw TooManySteps();
        }

        await progress.SaveAsync(model.Conversation, cancellationToken);
        return new TaskResult(answer.Text);
    }

    private InvalidOperationException TooManySteps() => new(string.Create(CultureInfo.InvariantCulture,
        $"the model was still calling tools after {options.Value.MaxSteps} steps, the most a task may take (Plugins:Tasks:MaxSteps)"));
}
