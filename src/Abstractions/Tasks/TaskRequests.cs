using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Abstractions.Tasks;

/// <summary>A request about one task: only its owner, an admin or the system may send it. Since host API 2.0.</summary>
public interface ITaskRequest
{
    /// <summary>The task id as typed (case and spaces are forgiven).</summary>
    string TaskId { get; }
}

/// <summary>
/// Queues a task: every problem (empty prompt, unknown model, budget out of range, unknown project, an <c>--after</c>
/// task that is not the owner's or will never complete) is refused at once, by field. The same
/// <see cref="IdempotencyKey"/> twice queues one task and answers the first one. Since host API 2.0.
/// </summary>
/// <param name="Prompt">What the task should do.</param>
[Audited]
public sealed record EnqueueTask(string Prompt) : IRequest<TaskView>
{
    /// <summary>The executor's kind; the agent loop by default.</summary>
    public string Executor { get; init; } = "agent";

    /// <summary>Executor arguments (a template's parameters, for instance).</summary>
    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    /// <summary>The model (alias or <c>endpoint:model</c>); the conversation's or owner's default when null.</summary>
    public string? Model { get; init; }

    /// <summary>The most the task may spend; none (up to the owner's budgets) when null.</summary>
    public Usd? Budget { get; init; }

    /// <summary>The project; the conversation's or owner's current project when null.</summary>
    public string? Project { get; init; }

    /// <summary>A task of the owner's that must complete first.</summary>
    public string? After { get; init; }

    /// <summary>
    /// Who the task runs as and whose spend it is; the sender when null. Only admins and the system may queue a task
    /// for someone else (a schedule's owner, for instance); the owner must be allowed to use the bot.
    /// </summary>
    public Actor? Owner { get; init; }

    /// <summary>Where to report how it ended; the owner's private conversation when null.</summary>
    public ConversationReference? Conversation { get; init; }

    /// <summary>What asked for it, kept with the task: <c>chat</c>, <c>http</c>, <c>schedule:&lt;id&gt;</c> ….</summary>
    public string? Origin { get; init; }

    /// <summary>A key unique to this request (a transport's delivery, a schedule's run); the same key queues once.</summary>
    public string? IdempotencyKey { get; init; }
}

/// <summary>One task. Someone else's task is answered as a missing one. Since host API 2.0.</summary>
/// <param name="TaskId">The task id.</param>
[Access(AccessLevel.Owner)]
[NotRateLimited]
public sealed record GetTask(string TaskId) : IRequest<TaskView>, ITaskRequest;

/// <summary>
/// The sender's tasks (everyone's, or one owner's, for admins and the system), newest first, filtered and paged.
/// Since host API 2.0.
/// </summary>
[NotRateLimited]
public sealed record ListTasks : IRequest<TaskPage>
{
    /// <summary>The most a page holds.</summary>
    public const int MaxTake = 1000;

    /// <summary>Only tasks in this state.</summary>
    public TaskState? State { get; init; }

    /// <summary>Only active tasks (true) or ended ones (false).</summary>
    public bool? Active { get; init; }

    /// <summary>Only this project's.</summary>
    public string? Project { get; init; }

    /// <summary>Only this owner's (admins and the system); a user may name only themselves.</summary>
    public long? OwnerId { get; init; }

    /// <summary>Every owner's (admins and the system).</summary>
    public bool Everyone { get; init; }

    /// <summary>Only tasks with this origin (e.g. <c>schedule:k3x9p2</c>).</summary>
    public string? Origin { get; init; }

    /// <summary>Active tasks first, in queue order (oldest first), then the ended ones, newest first.</summary>
    public bool ActiveFirst { get; init; }

    /// <summary>How many to skip (the tasks of earlier pages).</summary>
    public int Skip { get; init; }

    /// <summary>Page size, 1–<see cref="MaxTake"/>.</summary>
    public int Take { get; init; } = 100;
}

/// <summary>
/// Stops a queued, waiting or running task. A compare-and-set: when the task ended first, the result says how and
/// nothing is overwritten. Since host API 2.0.
/// </summary>
/// <param name="TaskId">The task id.</param>
[Access(AccessLevel.Owner)]
[Audited]
public sealed record StopTask(string TaskId) : IRequest<TaskStopResult>, ITaskRequest;

/// <summary>A task's output so far. Since host API 2.0.</summary>
/// <param name="TaskId">The task id.</param>
[Access(AccessLevel.Owner)]
[NotRateLimited]
public sealed record GetTaskOutput(string TaskId) : IRequest<TaskOutput>, ITaskRequest;
