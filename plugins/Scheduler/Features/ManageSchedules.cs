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

/// <summary>What can be done to a schedule from chat.</summary>
public enum ScheduleAction
{
    Show,
    Pause,
    Resume,
    Delete,
    Run,
}

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
            [var verb, var id] when Enum.TryParse<ScheduleAction>(verb, true, out var action) && action != ScheduleAction.Show && !int.TryParse(verb, out _) =>
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
    public sealed record ListSchedules(bool Everyone) : IRequest<Reply>;

    /// <summary>One schedule: shown or changed by its owner or an admin; anyone else is told it does not exist.</summary>
    [Audited]
    public sealed record ChangeSchedule(string ScheduleId, ScheduleAction Action) : IRequest<Reply>
    {
        /// <summary>The transport's delivery key, so a run by hand delivered twice queues once.</summary>
        public string? Key { get; init; }
    }

    internal sealed class ListHandler(SchedulerDbContext db, IActorAccessor actor) : IRequestHandler<ListSchedules, Reply>
    {
        public async Task<Reply> Handle(ListSchedules request, CancellationToken cancellationToken)
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

            var schedules = await query.OrderBy(s => s.CreatedAtUtc).ToListAsync(cancellationToken);
            if (schedules.Count == 0)
            {
                return Reply.Plain(request.Everyone ? "No one has a schedule." : "You have no schedules. /task --cron \"0 9 * * 1-5\" <prompt> creates one.");
            }

            var text = new StringBuilder(request.Everyone ? "Every schedule:" : "Your schedules:");
            foreach (var schedule in schedules)
            {
                text.Append("\n\n").Append(ScheduleText.Short(schedule));
                if (request.Everyone)
                {
                    text.Append(CultureInfo.InvariantCulture, $"\n  owner {schedule.OwnerId}");
                }
            }

            return Reply.Plain(text.ToString());
        }
    }

    internal sealed class ChangeHandler(SchedulerDbContext db, IActorAccessor actor, ScheduleFirer firer, IButtonTokens buttons, TimeProvider time)
        : IRequestHandler<ChangeSchedule, Reply>
    {
        public async Task<Reply> Handle(ChangeSchedule request, CancellationToken cancellationToken)
        {
            var sender = actor.Current ?? throw new ForbiddenException("Schedules are changed by a person.");
            var id = ScheduleIds.Parse(request.ScheduleId) ?? throw new NotFoundException($"'{request.ScheduleId}' is not a schedule id (/schedules lists yours).");
            var schedule = await db.Schedules.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
            if (schedule is null || (schedule.OwnerId != sender.Id && !sender.IsPrivileged))
            {
                throw new NotFoundException($"There is no schedule {id} of yours (/schedules lists them).");
            }

            switch (request.Action)
            {
                case ScheduleAction.Pause:
                    schedule.Paused = true;
                    schedule.PausedReason = null;
                    await db.SaveChangesAsync(cancellationToken);
                    return await CardAsync(schedule, $"⏸ Schedule {id} is paused.", sender, cancellationToken);
                case ScheduleAction.Resume:
                    Resume(schedule);
                    await db.SaveChangesAsync(cancellationToken);
                    return await CardAsync(schedule, $"▶️ Schedule {id} runs again.", sender, cancellationToken);
                case ScheduleAction.Delete:
                    db.Runs.RemoveRange(db.Runs.Where(r => r.ScheduleId == id));
                    db.Schedules.Remove(schedule);
                    await db.SaveChangesAsync(cancellationToken);
                    return Reply.Plain($"🗑 Schedule {id} is deleted; its tasks already queued are not touched.");
                case ScheduleAction.Run:
                    var task = await firer.RunNowAsync(schedule, request.Key ?? Guid.NewGuid().ToString("N"), cancellationToken);
                    return Reply.Plain($"▶️ Schedule {id} queued task {task.Id} now; its next run is unchanged.");
                default:
                    return await CardAsync(schedule, null, sender, cancellationToken);
            }
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

        private async Task<Reply> CardAsync(ScheduleRow schedule, string? headline, Actor sender, CancellationToken cancellationToken)
        {
            var text = new StringBuilder();
            if (headline is not null)
            {
                text.AppendLine(headline).AppendLine();
            }

            text.AppendLine(CultureInfo.InvariantCulture, $"Schedule {schedule.Id}: {ScheduleText.Rule(schedule)}")
                .AppendLine(CultureInfo.InvariantCulture, $"“{schedule.Prompt}”")
                .AppendLine(ScheduleText.State(schedule))
                .Append(CultureInfo.InvariantCulture, $"misfire {schedule.Misfire.ToString().ToLowerInvariant()} · overlap {schedule.Overlap.ToString().ToLowerInvariant()}");
            if (schedule.Model is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" · model {schedule.Model}");
            }

            if (schedule.BudgetDollars is { } budget)
            {
                text.Append(CultureInfo.InvariantCulture, $" · budget ${budget:0.00##}");
            }

            if (schedule.Project is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $" · project {schedule.Project}");
            }

            var runs = await db.Runs.AsNoTracking().Where(r => r.ScheduleId == schedule.Id)
                .OrderByDescending(r => r.ScheduledUtc).Take(10).ToListAsync(cancellationToken);
            text.Append(runs.Count == 0 ? "\nNo runs yet." : "\nLast runs:");
            foreach (var run in runs)
            {
                text.Append("\n• ").Append(ScheduleText.Local(run.ScheduledUtc, schedule.TimeZone)).Append(" — ")
                    .Append(run.TaskId is null ? run.Outcome : $"{run.TaskId}: {run.Outcome}");
            }

            var toggle = schedule.Paused
                ? new ReplyButton("Resume", await buttons.IssueAsync(new ChangeSchedule(schedule.Id, ScheduleAction.Resume), sender, ButtonLifetime, cancellationToken))
                : new ReplyButton("Pause", await buttons.IssueAsync(new ChangeSchedule(schedule.Id, ScheduleAction.Pause), sender, ButtonLifetime, cancellationToken));
            var runNow = new ReplyButton("Run now", await buttons.IssueAsync(new ChangeSchedule(schedule.Id, ScheduleAction.Run), sender, ButtonLifetime, cancellationToken));
            return Reply.Plain(text.ToString()) with { Buttons = [[toggle, runNow]] };
        }
    }
}
