using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Tasks;

/// <summary>Where a task is in its life. Every change is one compare-and-set in the database. Since host API 2.0.</summary>
public enum TaskState
{
    /// <summary>Ready; a worker will claim it.</summary>
    Queued,

    /// <summary>Waiting for the task it runs after to complete.</summary>
    Waiting,

    /// <summary>A worker holds its lease.</summary>
    Running,

    /// <summary>Its process died or stopped; it resumes from its last checkpoint.</summary>
    Interrupted,

    /// <summary>Done; the answer is kept.</summary>
    Completed,

    /// <summary>Ended with an error.</summary>
    Failed,

    /// <summary>Stopped by its owner, an admin or the bot.</summary>
    Cancelled,

    /// <summary>Stopped at its spending cap; its work so far is kept.</summary>
    BudgetExceeded,
}

/// <summary>
/// A task as every transport shows it: the card in a chat, JSON over HTTP, a row on a web page. Since host API 2.0.
/// </summary>
/// <param name="Id">The short task id, e.g. <c>k3x9p2</c>.</param>
/// <param name="OwnerId">Who the task runs as (spend is charged to them).</param>
/// <param name="State">Where it is in its life.</param>
/// <param name="Prompt">The prompt.</param>
/// <param name="Model">The requested model (alias or <c>endpoint:model</c>); null for the owner's default.</param>
/// <param name="Project">The project, if any.</param>
/// <param name="Executor">The executor's kind (<c>agent</c>, a template's …).</param>
/// <param name="CreatedAtUtc">When it was queued.</param>
public sealed record TaskView(
    string Id,
    long OwnerId,
    TaskState State,
    string Prompt,
    string? Model,
    string? Project,
    string Executor,
    DateTime CreatedAtUtc)
{
    /// <summary>The spending cap, if any.</summary>
    public Usd? Budget { get; init; }

    /// <summary>What it has spent so far, from the cost ledger; null when no cost ledger is active.</summary>
    public SpendSummary? Spent { get; init; }

    /// <summary>When a worker first started it.</summary>
    public DateTime? StartedAtUtc { get; init; }

    /// <summary>When it reached a final state.</summary>
    public DateTime? FinishedAtUtc { get; init; }

    /// <summary>Time spent running so far, over every run (restarts included).</summary>
    public TimeSpan RanFor { get; init; }

    /// <summary>What it is doing now (running tasks): "calling gateway:gpt-4o", "running read_file".</summary>
    public string? Stage { get; init; }

    /// <summary>Steps completed, as of its last checkpoint.</summary>
    public int Step { get; init; }

    /// <summary>True once it has resumed after its process stopped.</summary>
    public bool Resumed { get; init; }

    /// <summary>Its place in the queue (1 = next), for queued tasks.</summary>
    public int? PlaceInQueue { get; init; }

    /// <summary>The task it runs after (<c>--after</c>), if any.</summary>
    public string? After { get; init; }

    /// <summary>The task this one retries, if any.</summary>
    public string? RetryOf { get; init; }

    /// <summary>0 for a first attempt; one more for each retry.</summary>
    public int RetryCount { get; init; }

    /// <summary>What asked for it: <c>chat</c>, <c>http</c>, <c>schedule:&lt;id&gt;</c>, a plugin's own word.</summary>
    public string? Origin { get; init; }

    /// <summary>The conversation it reports to; null for its owner's private conversation.</summary>
    public ConversationReference? Conversation { get; init; }

    /// <summary>One line about the answer, once completed.</summary>
    public string? Summary { get; init; }

    /// <summary>Why it failed or stopped, once it has.</summary>
    public string? Error { get; init; }

    /// <summary>True in <see cref="TaskState.Queued"/>, <see cref="TaskState.Waiting"/>, <see cref="TaskState.Running"/> and <see cref="TaskState.Interrupted"/>.</summary>
    public bool IsActive => State is TaskState.Queued or TaskState.Waiting or TaskState.Running or TaskState.Interrupted;
}

/// <summary>One page of <see cref="ListTasks"/>, newest first (active ones first when asked).</summary>
/// <param name="Tasks">The tasks on this page.</param>
/// <param name="Skipped">How many came before this page.</param>
/// <param name="More">True when another page follows.</param>
/// <param name="Everyone">True when the list covers every owner (an admin's), false for the sender's own.</param>
public sealed record TaskPage(IReadOnlyList<TaskView> Tasks, int Skipped, bool More, bool Everyone);

/// <summary>What <see cref="StopTask"/> did: stopped the task, or found it had already ended (and how).</summary>
/// <param name="Stopped">True when this request stopped it.</param>
/// <param name="Task">The task as it is now.</param>
public sealed record TaskStopResult(bool Stopped, TaskView Task);

/// <summary>A task's output: the text of every completed step and, for a task running here, the step in progress.</summary>
/// <param name="Task">The task.</param>
/// <param name="Text">The output, Markdown.</param>
public sealed record TaskOutput(TaskView Task, string Text);
