using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Scheduler.Cron;
using PluginBot.Plugins.Scheduler.Firing;
using PluginBot.Plugins.Scheduler.Model;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Features;

/// <summary><c>/schedules [--all]</c>, <c>/schedule [pause|resume|delete|run] &lt;id&gt;</c> and <c>/unschedule &lt;id&gt;</c>.</summary>
public static class ManageSchedules
{
    private static readonly TimeSpan ButtonLifetime = TimeSpan.FromDays(30);

    public static readonly CommandDescriptor List = new(
        "schedules",
        "List your schedules",
        "[--all]",
        [new FlagSpec("all", false, "Everyone's (admins)")],
        (arguments, _) => new ListSchedules(arguments.Has("all")));

    public static readonly CommandDescriptor One = new(
        "schedule",
        "Show, pause, resume, delete or run a schedule",
        "[pause|resume|delete|run] <id>",
        [],
        (arguments, context) => arguments.Positional switch
        {
            [var id] => new ChangeSchedule(id, ScheduleAction.Show),
            [var verb, var id] when Enum.TryParse<ScheduleAction>(verb, true, out var action) && action is not (ScheduleAction.Show or ScheduleAction.Create) && !int.TryParse(verb, out _) =>
                new ChangeSchedule(id, action) { Key = context.IdempotencyKey },
            [var verb, _] => throw new CommandSyntaxException($"'{verb}' is not pause, resume, delete or run."),
            _ => throw new CommandSyntaxException("/schedule needs a schedule id (/schedules lists them)."),
        });

    public static readonly CommandDescriptor Unschedule = new(
        "unschedule",
        "Delete a schedule",
        "<id>",
        [],
        (arguments, _) => new ChangeSchedule(arguments.Required(0, "a schedule id (/schedules lists them)"), ScheduleAction.Delete));

    /// <summary>The sender's schedules; everyone's for admins who ask.</summary>
    [NotRateLimited]
    public sealed record ListSchedules(bool Everyone) : IRequest<ScheduleList>;

    /// <summary>
    /// One schedule: shown or changed by its owner or an admin; anyone else is told it does not exist.
    /// <see cref="ScheduleAction.Create"/> is not an action here (see <see cref="CreateSchedule.Command"/>).
    /// </summary>
    [Audited]
    public sealed record ChangeSchedule(string ScheduleId, ScheduleAction Action) : IRequest<ScheduleChange>
    {
        /// <summary>The transport's delivery key, so a run by hand delivered twice queues once.</summary>
        public string? Key { get; init; }
    }

    internal sealed class ListHandler(SchedulerDbContext db, IActorAccessor actor) : IRequestHandler<ListSchedules, ScheduleList>
    {
        public async Task<ScheduleList> Handle(ListSchedules request, CancellationToken cancellationToken)
        {
            var sender = actor.Current ?? throw new ForbiddenException("Schedules are listed for a person.");
            if (request.Everyone && !sender.IsPrivileged)
            {
                throw new ForbiddenException("Only admins can list everyone's schedules.");
            }

            var query = db.Schedules.AsNoTracking();
            if (!request.Everyone)
            {
                query = query.Where(s => s.OwnerId == sender.Id);
            }

            var schedules = await query.OrderBy(s => s.CreatedAtUtc).ThenBy(s => s.Id).ToListAsync(cancellationToken);
            return new ScheduleList([.. schedules.Select(s => ScheduleViews.Of(s))], request.Everyone);
        }
    }

    internal sealed class ChangeHandler(SchedulerDbContext db, IActorAccessor actor, ScheduleFirer firer, TimeProvider time)
        : IRequestHandler<ChangeSchedule, ScheduleChange>
    {
        public async Task<ScheduleChange> Handle(ChangeSchedule request, CancellationToken cancellationToken)
        {
            var sender = actor.Current ?? throw new ForbiddenException("Schedules are changed by a person.");
            var id = ScheduleIds.Parse(request.ScheduleId) ?? throw new NotFoundException($"'{request.ScheduleId}' is not a schedule id (/schedules lists yours).");
            var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (schedule is null || (schedule.OwnerId != sender.Id && !sender.IsPrivileged))
            {
                throw new NotFoundException($"There is no schedule {id} of yours (/schedules lists them).");
            }

            string? taskId = null;
            switch (request.Action)
            {
                case ScheduleAction.Pause:
                    schedule.Paused = true;
                    schedule.PausedReason = null;
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                case ScheduleAction.Resume:
                    Resume(schedule);
                    await db.SaveChangesAsync(cancellationToken);
                    break;
                case ScheduleAction.Delete:
                    var gone = ScheduleViews.Of(schedule);
                    db.Runs.RemoveRange(db.Runs.Where(r => r.ScheduleId == id));
                    db.Schedules.Remove(schedule);
                    await db.SaveChangesAsync(cancellationToken);
                    return new ScheduleChange(ScheduleAction.Delete, gone);
                case ScheduleAction.Run:
                    taskId = (await firer.RunNowAsync(schedule, request.Key ?? Guid.NewGuid().ToString("N"), cancellationToken)).Id;
                    break;
                case ScheduleAction.Show:
                    break;
                default:
                    throw new RequestValidationException([new FieldError("action", $"{request.Action} is not something done to an existing schedule")]);
            }

            return new ScheduleChange(request.Action, await ScheduleViews.OneAsync(db, schedule, cancellationToken), taskId);
        }

        /// <summary>A resumed schedule goes on from now: what fell due while it was paused is not made up.</summary>
        private void Resume(ScheduleRow schedule)
        {
            schedule.Paused = false;
            schedule.PausedReason = null;
            schedule.FailuresInRow = 0;
            if (CronRule.TryParse(schedule.Expression, out var rule, out _) && Zones.Find(schedule.TimeZone) is { } zone)
            {
                schedule.NextRunUtc = rule!.NextAfter(time.GetUtcNow().UtcDateTime, zone);
            }
        }
    }

    /// <summary>A list in chat: one entry per schedule.</summary>
    internal sealed class ListRenderer : IReplyRenderer<ScheduleList>
    {
        public ValueTask<Reply> RenderAsync(ScheduleList result, CommandContext context, CancellationToken cancellationToken)
        {
            if (result.Schedules.Count == 0)
            {
                return ValueTask.FromResult(Reply.Plain(result.Everyone ? "No one has a schedule." : "You have no schedules. /task --cron \"0 9 * * 1-5\" <prompt> creates one."));
            }

            var text = new StringBuilder(result.Everyone ? "Every schedule:" : "Your schedules:");
            foreach (var schedule in result.Schedules)
            {
                text.Append("\n\n").Append(ScheduleText.Short(schedule));
                if (result.Everyone)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n  owner {schedule.OwnerId}");
                }
            }

            return ValueTask.FromResult(Reply.Plain(text.ToString()));
        }
    }

    /// <summary>
    /// A schedule's card in chat: what was done, the rule, the work, the next and last runs, and Pause/Resume and
    /// Run now buttons (none once deleted).
    /// </summary>
    internal sealed class ChangeRenderer(IButtonTokens buttons) : IReplyRenderer<ScheduleChange>
    {
        public async ValueTask<Reply> RenderAsync(ScheduleChange result, CommandContext context, CancellationToken cancellationToken)
        {
            var schedule = result.Schedule;
            var id = schedule.Id;
            switch (result.Action)
            {
                case ScheduleAction.Delete:
                    return Reply.Plain($"🗑 Schedule {id} is deleted; its tasks already queued are not touched.");
                case ScheduleAction.Run:
                    return Reply.Plain($"▶️ Schedule {id} queued task {result.TaskId} now; its next run is unchanged.");
            }

            var text = new StringBuilder();
            if (result.Action == ScheduleAction.Create)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"🗓 Schedule {id} created: {ScheduleText.Rule(schedule)}.");
            }

            var headline = result.Action switch
            {
                ScheduleAction.Pause => $"⏸ Schedule {id} is paused.",
                ScheduleAction.Resume => $"▶️ Schedule {id} runs again.",
                _ => null,
            };
            if (headline is not null)
            {
                text.AppendLine(headline).AppendLine();
            }

            if (result.Action != ScheduleAction.Create)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"Schedule {id}: {ScheduleText.Rule(schedule)}");
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"“{schedule.Prompt}”")
                .AppendLine(ScheduleText.State(schedule))
                .Append(CultureInfo.InvariantCulture, $"misfire {schedule.Misfire} · overlap {schedule.Overlap}");
            if (schedule.Model is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" · model {schedule.Model}");
            }

            if (schedule.Budget is { } budget)
            {
                text.Append(CultureInfo.InvariantCulture, $" · budget {budget}");
            }

            if (schedule.Project is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" · project {schedule.Project}");
            }

            if (schedule.NextRuns.Count > 0)
            {
                text.Append("\nNext runs:");
                foreach (var at in schedule.NextRuns)
                {
                    text.Append("\n• ").Append(ScheduleText.Local(at, schedule.TimeZone));
                }
            }

            if (result.Action == ScheduleAction.Create)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n/schedule {id} shows it; /unschedule {id} deletes it.");
            }
            else
            {
                text.Append(schedule.Runs.Count == 0 ? "\nNo runs yet." : "\nLast runs:");
                foreach (var run in schedule.Runs)
                {
                    text.Append("\n• ").Append(ScheduleText.Local(run.ScheduledUtc, schedule.TimeZone)).Append(" — ")
                        .Append(run.TaskId is null ? run.Outcome : $"{run.TaskId}: {run.Outcome}");
                }
            }

            var toggle = schedule.Paused
                ? new ReplyButton("Resume", await buttons.IssueAsync(new ChangeSchedule(id, ScheduleAction.Resume), context.Actor, ButtonLifetime, cancellationToken))
                : new ReplyButton("Pause", await buttons.IssueAsync(new ChangeSchedule(id, ScheduleAction.Pause), context.Actor, ButtonLifetime, cancellationToken));
            var runNow = new ReplyButton("Run now", await buttons.IssueAsync(new ChangeSchedule(id, ScheduleAction.Run), context.Actor, ButtonLifetime, cancellationToken));
            return Reply.Plain(text.ToString()) with { Buttons = [[toggle, runNow]] };
        }
    }
}
