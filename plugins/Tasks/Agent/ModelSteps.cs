using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// The model as the function-invocation loop sees it: every call is one step of the task, resolved through the router
/// with that step's call context (its idempotency key and budget cap), shown on the card and streamed into the task's
/// output. The conversation the tools left is checkpointed before each call after the first.
/// </summary>
internal sealed class ModelSteps(ITaskExecution execution, IServiceScopeFactory scopes, AgentProgress progress) : IChatClient
{
    private bool _called;

    /// <summary>The last call's messages followed by its response: the whole conversation once the loop ends.</summary>
    public List<ChatMessage> Conversation { get; private set; } = [];

    /// <summary>The last call's response.</summary>
    public ChatResponse? LastResponse { get; private set; }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<ChatMessage> history = [.. messages];
        if (_called)
        {
            // Results of tools the invoker did not run (unknown names) are only in this history; the rest is saved already.
            await progress.SaveAsync(history, cancellationToken);
        }

        _called = true;
        var step = progress.Steps + 1;
        var model = await ResolveAsync(step, cancellationToken);
        execution.Report(new TaskStage(TaskStageKind.CallingModel, model.Alias ?? model.Reference.ToString()));
        var updates = new List<ChatResponseUpdate>();
        var wrote = false;
        await foreach (var update in model.Client.GetStreamingResponseAsync(history, options, cancellationToken))
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
                if (!wrote)
                {
                    wrote = true;
                    execution.Report(new TaskStage(TaskStageKind.Writing));
                    if (step > 1)
                    {
                        execution.Write("\n\n"); // between the texts of successive steps
                    }
                }

                execution.Write(update.Text);
            }

            yield return update;
        }

        LastResponse = updates.ToChatResponse();
        Conversation = [.. history, .. LastResponse.Messages];
        progress.Steps = step;
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    private async Task<ResolvedModel> ResolveAsync(int step, CancellationToken cancellationToken)
    {
        var context = execution.CallContext(step);
        // The scope ends before the stream starts: its database connection and contexts are not held for the whole
        // call (the routed client asks the budget gate in scopes of its own).
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IModelRouter>()
            .ResolveAsync(execution.Task.Model, context, execution.Task.Conversation, cancellationToken);
    }
}
