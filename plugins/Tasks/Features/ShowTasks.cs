using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <see cref="GetTask"/> and <see cref="ListTasks"/>, and their chat side: <c>/taskstatus ID</c> shows one task's card,
/// <c>/taskstatus</c> the sender's active and latest tasks, <c>/taskstatus --all</c> (admins) everyone's, for the admin
/// alone (asked in a group, it is answered privately). <c>GET /api/tasks</c> sends the same requests.
/// </summary>
public static class ShowTasks
{
    private const int Listed = 15;

    public static readonly CommandDescriptor Descriptor = new(
        "taskstatus", "Show your tasks, or one task", "[ID] [--all]",
        [new FlagSpec("all", false, "Everyone's tasks (admins)")],
        (arguments, _) => arguments.Positional.Count > 0
            ? new GetTask(arguments.Positional[0])
            : new ListTasks { Everyone = arguments.Has("all"), ActiveFirst = true, Take = Listed });

    internal sealed class GetHandler(TaskStore store, TaskViews views) : IRequestHandler<GetTask, TaskView>
    {
        public async Task<TaskView> Handle(GetTask request, CancellationToken cancellationToken) =>
            await views.OneAsync(await store.RequireAsync(request.TaskId, cancellationToken), cancellationToken);
    }

    internal sealed class ListHandler(TasksDbContext db, TaskViews views, IProjectRegistry projects, IActorAccessor actor) : IRequestHandler<ListTasks, TaskPage>
    {
        public async Task<TaskPage> Handle(ListTasks request, CancellationToken cancellationToken)
        {
            var me = actor.Current!;
            Check(request, me);
            var tasks = db.Tasks.AsNoTracking();
            long? owner = request.Everyone ? null : me.IsPrivileged ? request.OwnerId ?? me.Id : me.Id;
            if (owner is { } id)
            {
                tasks = tasks.Where(t => t.OwnerId == id);
            }

            if (request.State is { } state)
            {
                tasks = tasks.Where(t => t.Status == state);
            }

            if (request.Active is { } active)
            {
                tasks = tasks.Where(t => TaskStates.Active.Contains(t.Status) == active);
            }

            if (request.Project is { } project)
            {
                // Stored under the configured spelling, as creating a task does.
                var stored = projects.Find(project)?.Name ?? project;
                tasks = tasks.Where(t => t.Project == stored);
            }

            if (request.Origin is { } origin)
            {
                tasks = tasks.Where(t => t.Origin == origin);
            }

            // One more than the page, to know whether another follows.
            var rows = request.ActiveFirst
                ? await ActiveFirstAsync(tasks, request.Skip + request.Take + 1, cancellationToken)
                : await tasks.OrderByDescending(t => t.CreatedAtUtc).ThenByDescending(t => t.Id).Skip(request.Skip).Take(request.Take + 1).ToListAsync(cancellationToken);
            var page = request.ActiveFirst ? rows.Skip(request.Skip).ToList() : rows;
            return new TaskPage(views.Many(page.Take(request.Take)), request.Skip, page.Count > request.Take, owner is null);
        }

        private static void Check(ListTasks request, Actor me)
        {
            if (!me.IsPrivileged && (request.Everyone || (request.OwnerId is { } other && other != me.Id)))
            {
                throw new ForbiddenException("Only admins can see everyone's tasks; a user sees only their own.");
            }

            var errors = new List<FieldError>();
            if (request.Take is < 1 or > ListTasks.MaxTake)
            {
                errors.Add(new FieldError("limit", $"must be between 1 and {ListTasks.MaxTake}"));
            }

            if (request.Skip < 0)
            {
                errors.Add(new FieldError("skip", "must be 0 or more"));
            }

            if (errors.Count > 0)
            {
                throw new RequestValidationException(errors);
            }
        }

        /// <summary>Active tasks in queue order (oldest first), then ended ones, newest first.</summary>
        private static async Task<List<TaskRow>> ActiveFirstAsync(IQueryable<TaskRow> tasks, int count, CancellationToken cancellationToken)
        {
            var active = await tasks.Where(t => TaskStates.Active.Contains(t.Status)).OrderBy(t => t.CreatedAtUtc).Take(count).ToListAsync(cancellationToken);
            var ended = await tasks.Where(t => !TaskStates.Active.Contains(t.Status)).OrderByDescending(t => t.CreatedAtUtc).Take(count - active.Count).ToListAsync(cancellationToken);
            return [.. active, .. ended];
        }
    }

    /// <summary>One task in chat: its card, with the buttons of its stored card.</summary>
    internal sealed class ViewRenderer(TaskStore store) : IReplyRenderer<TaskView>
    {
        public async ValueTask<Reply> RenderAsync(TaskView result, CommandContext context, CancellationToken cancellationToken)
        {
            var stored = await store.FindAsync(result.Id, cancellationToken);
            return TaskCard.Render(result, stored is null ? null : CardButtons.Of(stored));
        }
    }

    /// <summary>A list in chat: one line per task.</summary>
    internal sealed class PageRenderer(TimeProvider time) : IReplyRenderer<TaskPage>
    {
        public ValueTask<Reply> RenderAsync(TaskPage result, CommandContext context, CancellationToken cancellationToken)
        {
            if (result.Tasks.Count == 0)
            {
                return ValueTask.FromResult(Reply.Plain(result.Everyone ? "No tasks yet." : "You have no tasks yet. Start one with /task <prompt>.") with { ForSenderOnly = result.Everyone });
            }

            var text = new StringBuilder(result.Everyone ? "Everyone's tasks" : "Your tasks").Append(":\n");
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var task in result.Tasks)
            {
                var who = result.Everyone ? $" · user {task.OwnerId}" : "";
                var age = TaskCard.Duration(now - task.CreatedAtUtc);
                text.Append(CultureInfo.InvariantCulture, $"{task.Id} · {task.State.Describe()} · {age} ago{who} · {Short(task.Prompt)}\n");
            }

            return ValueTask.FromResult(Reply.Plain(text.Append("\n/taskstatus ID shows one task.").ToString()) with { ForSenderOnly = result.Everyone });
        }

        private static string Short(string prompt) => prompt.Length <= 60 ? prompt : prompt[..60] + "…";
    }
}
