using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// The default executor: prompt → model → tool calls → model ..., until the model answers without calling a tool.
/// Each step (one model call and the tools it asked for) ends with a checkpoint, so after a crash the task goes on
/// with the same conversation and no finished step runs again. Every call passes the router's budget gate.
/// </summary>
internal sealed class AgentExecutor(IServiceScopeFactory scopes, IEnumerable<ITaskTools> toolSources, IOptions<TasksOptions> options) : ITaskExecutor
{
    public const string Name = "agent";

    public string Kind => Name;

    public async Task<TaskResult> RunAsync(ITaskExecution execution, CancellationToken cancellationToken)
    {
        var task = execution.Task;
        List<ChatMessage> messages = execution.Checkpoint is { } saved ? [.. saved.Messages] : [new ChatMessage(ChatRole.User, task.Prompt)];
        var step = execution.Checkpoint?.Step ?? 0;
        var tools = toolSources.SelectMany(s => s.ToolsFor(task)).ToList();
        var functions = tools.OfType<AIFunction>().ToDictionary(f => f.Name, StringComparer.Ordinal);
        var chatOptions = tools.Count == 0 ? null : new ChatOptions { Tools = tools };

        // A checkpoint taken after the final answer (the process died before the task was marked done).
        if (messages.Count > 1 && messages[^1].Role == ChatRole.Assistant && !messages[^1].Contents.OfType<FunctionCallContent>().Any())
        {
            return new TaskResult(messages[^1].Text);
        }

        while (step < options.Value.MaxSteps)
        {
            var response = await CallModelAsync(execution, messages, step + 1, chatOptions, cancellationToken);
            messages.AddRange(response.Messages);
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count > 0)
            {
                messages.Add(new ChatMessage(ChatRole.Tool, await RunToolsAsync(execution, calls, functions, cancellationToken)));
            }

            step++;
            await execution.SaveCheckpointAsync(new TaskCheckpoint(step, messages), cancellationToken);
            if (calls.Count == 0)
            {
                return new TaskResult(response.Text);
            }
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"the model was still calling tools after {options.Value.MaxSteps} steps, the most a task may take (Plugins:Tasks:MaxSteps)"));
    }

    private async Task<ChatResponse> CallModelAsync(ITaskExecution execution, List<ChatMessage> messages, int stepNumber, ChatOptions? chatOptions, CancellationToken cancellationToken)
    {
        var context = execution.CallContext(stepNumber);
        ResolvedModel model;
        // The scope ends before the stream starts: its database connection and contexts are not held for the whole
        // call (the routed client asks the budget gate in scopes of its own).
        await using (var scope = scopes.CreateAsyncScope())
        {
            model = await scope.ServiceProvider.GetRequiredService<IModelRouter>()
                .ResolveAsync(execution.Task.Model, context, execution.Task.Conversation, cancellationToken);
        }

        execution.Report(new TaskStage(TaskStageKind.CallingModel, model.Alias ?? model.Reference.ToString()));
        var updates = new List<ChatResponseUpdate>();
        var text = new StringBuilder();
        await foreach (var update in model.Client.GetStreamingResponseAsync(messages, chatOptions, cancellationToken))
        {
            // The provider's own objects are not needed to build the answer; a long stream would keep every one.
            update.RawRepresentation = null;
            foreach (var content in update.Contents)
            {
                content.RawRepresentation = null;
            }

            updates.Add(update);
            if (!string.IsNullOrEmpty(update.Text))
            {
                if (text.Length == 0)
                {
                    execution.Report(new TaskStage(TaskStageKind.Writing));
                    if (stepNumber > 1)
                    {
                        execution.Write("\n\n"); // between the texts of successive steps
                    }
                }

                text.Append(update.Text);
                execution.Write(update.Text);
            }
        }

        return updates.ToChatResponse();
    }

    private static async Task<List<AIContent>> RunToolsAsync(ITaskExecution execution, List<FunctionCallContent> calls, Dictionary<string, AIFunction> functions, CancellationToken cancellationToken)
    {
        var results = new List<AIContent>();
        foreach (var call in calls)
        {
            execution.Report(new TaskStage(TaskStageKind.RunningTool, Describe(call)));
            object? result;
            if (!functions.TryGetValue(call.Name, out var function))
            {
                result = $"error: there is no tool named '{call.Name}'; the tools are {string.Join(", ", functions.Keys)}";
            }
            else
            {
                try
                {
                    result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments), cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // The model reads the error and can try otherwise; the task goes on. A tool's own time-out (a
                    // cancellation the task did not ask for) is such an error too.
                    result = $"error: {ex.Message}";
                }
            }

            results.Add(new FunctionResultContent(call.CallId, result));
        }

        return results;
    }

    private static string Describe(FunctionCallContent call)
    {
        var target = call.Arguments?.Values.FirstOrDefault()?.ToString();
        return target is { Length: > 0 } ? $"{call.Name} on {(target.Length > 60 ? target[..60] + "…" : target)}" : call.Name;
    }
}
