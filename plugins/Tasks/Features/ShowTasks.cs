using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <c>/taskstatus</c>: the sender's active and latest tasks; <c>/taskstatus ID</c>: one task's card;
/// <c>/taskstatus --all</c> (admins): everyone's, for the admin alone (asked in a group, it is answered privately).
/// </summary>
public static class ShowTasks
{
    private const int Listed = 15;

    public static readonly CommandDescriptor Descriptor = new(
        "taskstatus", "Show your tasks, or one task", "[ID] [--all]",
        [new FlagSpec("all", false, "Everyone's tasks (admins)")],
        (arguments, _) => arguments.Positional.Count > 0
            ? new One(arguments.Positional[0])
            : new List(arguments.Has("all")));

    [Access(AccessLevel.Owner)]
    [Audited]
    [NotRateLimited]
    public sealed record One(string TaskId) : IRequest<Reply>, ITaskRequest;

    [Audited]
    [NotRateLimited]
    public sealed record List(bool Everyone) : IRequest<Reply>;

    internal sealed class OneHandler(TaskStore store, TaskSpend spend, RunningTasks running, TimeProvider time) : IRequestHandler<One, Reply>
    {
        public async Task<Reply> Handle(One request, CancellationToken cancellationToken)
        {
            var task = await store.RequireAsync(request.TaskId, cancellationToken);
            var ahead = task.Status == TaskState.Queued ? await store.AheadOfAsync(task, cancellationToken) : 0;
            return TaskCard.Render(task, running.Find(task.Id), await spend.ForAsync(task.Id, cancellationToken), ahead + 1, time.GetUtcNow().UtcDateTime);
        }
    }

    internal sealed class ListHandler(TasksDbContext db, IActorAccessor actor, TimeProvider time) : IRequestHandler<List, Reply>
    {
        public async Task<Reply> Handle(List request, CancellationToken cancellationToken)
        {
            var me = actor.Current!;
            if (request.Everyone && !me.IsPrivileged)
            {
                throw new ForbiddenException("Only admins can see everyone's tasks; /taskstatus shows yours.");
            }

            var tasks = db.Tasks.AsNoTracking().Where(t => request.Everyone || t.OwnerId == me.Id);
            var active = await tasks.Where(t => TaskStates.Active.Contains(t.Status)).OrderBy(t => t.CreatedAtUtc).Take(Listed).ToListAsync(cancellationToken);
            var ended = await tasks.Where(t => !TaskStates.Active.Contains(t.Status)).OrderByDescending(t => t.CreatedAtUtc).Take(Listed - Math.Min(active.Count, Listed - 5)).ToListAsync(cancellationToken);
            if (active.Count + ended.Count == 0)
            {
                return Reply.Plain(request.Everyone ? "No tasks yet." : "You have no tasks yet. Start one with /task <prompt>.") with { ForSenderOnly = request.Everyone };
            }

            var text = new StringBuilder(request.Everyone ? "Everyone's tasks" : "Your tasks").Append(":\n");
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var task in active.Concat(ended))
            {
                var who = request.Everyone ? $" · user {task.OwnerId}" : "";
                var age = TaskCard.Duration(now - task.CreatedAtUtc);
                text.Append(CultureInfo.InvariantCulture, $"{task.Id} · {task.Status.Describe()} · {age} ago{who} · {Short(task.Prompt)}\n");
            }

            return Reply.Plain(text.Append("\n/taskstatus ID shows one task.").ToString()) with { ForSenderOnly = request.Everyone };
        }

        private static string Short(string prompt) => prompt.Length <= 60 ? prompt : prompt[..60] + "…";
    }
}
