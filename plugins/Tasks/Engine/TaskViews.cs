using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// Turns stored tasks into the <see cref="TaskView"/> every transport shows: the live stage, step and running time of
/// a task running here, its place in the queue, and (for one task) its spend from the cost ledger.
/// </summary>
internal sealed class TaskViews(TaskStore store, TaskSpend spend, RunningTasks running, TimeProvider time)
{
    /// <summary>One task, with its spend and place in the queue.</summary>
    public async Task<TaskView> OneAsync(TaskRow task, CancellationToken cancellationToken)
    {
        var place = task.Status == TaskState.Queued ? await store.AheadOfAsync(task, cancellationToken) + 1 : (int?)null;
        return Of(task, running.Find(task.Id), await spend.ForAsync(task.Id, cancellationToken), place, time.GetUtcNow().UtcDateTime);
    }

    /// <summary>A list's tasks: without spend (one ledger query each would make long lists slow).</summary>
    public IReadOnlyList<TaskView> Many(IEnumerable<TaskRow> tasks)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return [.. tasks.Select(t => Of(t, running.Find(t.Id), null, null, now))];
    }

    public static TaskView Of(TaskRow task, RunningTask? live, SpendSummary? spent, int? placeInQueue, DateTime nowUtc) =>
        new(task.Id, task.OwnerId, task.Status, task.Prompt, task.Model, task.Project, task.Executor, task.CreatedAtUtc)
        {
            Budget = task.BudgetCapMicros is { } cap ? Usd.FromMicros(cap) : null,
            Spent = spent,
            StartedAtUtc = task.StartedAtUtc,
            FinishedAtUtc = task.FinishedAtUtc,
            RanFor = RanFor(task, live, nowUtc),
            Stage = task.Status == TaskState.Running ? live?.Stage.ToString() ?? task.Stage ?? "starting" : null,
            Step = live?.Step ?? task.Step,
            Resumed = task.Resumed,
            PlaceInQueue = placeInQueue,
            After = task.After,
            RetryOf = task.RetryOf,
            RetryCount = task.RetryCount,
            Origin = task.Origin,
            Conversation = task.Transport is { } transport && task.ChatId is { } chat ? new ConversationReference(transport, chat, task.ThreadId) : null,
            Summary = task.Summary,
            Error = task.Error,
        };

    private static TimeSpan RanFor(TaskRow task, RunningTask? live, DateTime nowUtc) => task.Status switch
    {
        TaskState.Running when live is not null => TimeSpan.FromMilliseconds(live.RanForMs),
        TaskState.Running when task.StartedAtUtc is { } started => nowUtc - started,
        _ => TimeSpan.FromMilliseconds(task.RanForMs),
    };
}
