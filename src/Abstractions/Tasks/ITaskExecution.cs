using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Tasks;

/// <summary>The engine's side of a running task, handed to an <see cref="ITaskExecutor"/>.</summary>
public interface ITaskExecution
{
    /// <summary>The task as it was queued.</summary>
    TaskInfo Task { get; }

    /// <summary>The state saved by the last <see cref="SaveCheckpointAsync"/>, or null when the task starts afresh.</summary>
    TaskCheckpoint? Checkpoint { get; }

    /// <summary>
    /// The call context for a model call of step <paramref name="stepNumber"/>: the owner as actor, the project, the task id,
    /// the step, the idempotency key (task, retry, step) and the task's budget cap. Pass it to the model router.
    /// </summary>
    LlmCallContext CallContext(int stepNumber);

    /// <summary>Appends output of the step in progress (shown live; kept for good once the step's checkpoint is saved).</summary>
    void Write(string text);

    /// <summary>Says what the task is doing now; shown on the task card. Also counts as activity for the idle limit.</summary>
    void Report(TaskStage stage);

    /// <summary>
    /// Stores <paramref name="checkpoint"/> and the output written since the previous one, in one transaction. After a
    /// crash the task resumes from here: output of a step that had no checkpoint yet is dropped and the step runs again.
    /// </summary>
    Task SaveCheckpointAsync(TaskCheckpoint checkpoint, CancellationToken cancellationToken);
}

/// <summary>What a task was asked to do.</summary>
/// <param name="Id">The short task id, e.g. <c>k3x9p2</c>.</param>
/// <param name="Owner">Who the task runs as (spend is charged to them).</param>
/// <param name="Project">The project, if any.</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Model">The requested model (alias or <c>endpoint:model</c>), or null for the owner's default.</param>
/// <param name="Executor">The executor's kind.</param>
/// <param name="Arguments">Executor arguments (a template's parameters, for instance).</param>
/// <param name="BudgetCap">The task's spending cap, if any.</param>
/// <param name="RetryCount">0 for a first attempt; one more for each retry.</param>
/// <param name="RetryOf">The task this one retries, if any.</param>
/// <param name="Conversation">Where the task was asked for, if it came from a chat.</param>
public sealed record TaskInfo(
    string Id,
    Actor Owner,
    string? Project,
    string Prompt,
    string? Model,
    string Executor,
    IReadOnlyDictionary<string, string> Arguments,
    Usd? BudgetCap,
    int RetryCount,
    string? RetryOf,
    ConversationReference? Conversation);

/// <summary>A task's saved progress.</summary>
/// <param name="Step">Steps completed so far.</param>
/// <param name="Messages">The conversation with the model so far, tool calls and results included.</param>
/// <param name="State">Anything else the executor needs to resume (JSON), if any.</param>
public sealed record TaskCheckpoint(int Step, IReadOnlyList<ChatMessage> Messages, string? State = null);

/// <summary>What a task is doing, for its card.</summary>
/// <param name="Kind">The kind of stage.</param>
/// <param name="Subject">What it acts on: the model, the tool and its target, ...</param>
public sealed record TaskStage(TaskStageKind Kind, string? Subject = null)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        TaskStageKind.CallingModel => $"calling {Subject}",
        TaskStageKind.RunningTool => $"running {Subject}",
        TaskStageKind.Writing => "writing the answer",
        TaskStageKind.Waiting => $"waiting for {Subject}",
        _ => "starting",
    };
}

/// <summary>The kinds of <see cref="TaskStage"/>.</summary>
public enum TaskStageKind
{
    /// <summary>Getting ready.</summary>
    Starting,

    /// <summary>A model call is running; the subject is the model.</summary>
    CallingModel,

    /// <summary>A tool is running; the subject is the tool and what it works on.</summary>
    RunningTool,

    /// <summary>The answer is being streamed.</summary>
    Writing,

    /// <summary>Waiting for something outside the task; the subject says what.</summary>
    Waiting,
}
