using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>
/// Records how each scheduled run ended, and pauses a schedule whose runs failed too often in a row (telling its
/// owner). <see cref="TaskFinished"/> arrives at least once: a run already recorded as ended is left alone.
/// </summary>
internal sealed class RunOutcomes(SchedulerDbContext db, ScheduleNotices notices, IOptions<SchedulerOptions> options) : INotificationHandler<TaskFinished>
{
    public async Task Handle(TaskFinished notification, CancellationToken cancellationToken)
    {
        if (notification.Origin?.StartsWith("schedule:", StringComparison.Ordinal) != true)
        {
            return;
        }

        var run = await db.Runs.FirstOrDefaultAsync(r => r.TaskId == notification.TaskId, cancellationToken);
        if (run is null)
        {
            // A run can end before the firing that queued it has recorded it: fail, so the outbox delivers it again
            // later. A deleted schedule's runs are gone with it.
            var scheduleId = notification.Origin["schedule:".Length..];
            if (await db.Schedules.AnyAsync(s => s.Id == scheduleId, cancellationToken))
            {
                throw new InvalidOperationException($"The run of schedule {scheduleId} that queued task {notification.TaskId} is not recorded yet.");
            }

            return;
        }

        if (run.Outcome != "queued")
        {
            return;
        }

        var outcome = notification.State.ToString().ToLowerInvariant();
        run.Outcome = outcome;
        await db.SaveChangesAsync(cancellationToken);
        await db.Schedules.Where(s => s.Id == run.ScheduleId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.LastOutcome, $"{notification.TaskId} {outcome}"), cancellationToken);
        if (notification.State == TaskState.Completed)
        {
            await FailureStreak.ResetAsync(db, run.ScheduleId, cancellationToken);
            return;
        }

        if (notification.State is not (TaskState.Failed or TaskState.BudgetExceeded))
        {
            return;
        }

        var limit = options.Value.PauseAfterFailures;
        await FailureStreak.AddAsync(db, run.ScheduleId, 1, cancellationToken);
        if (!await FailureStreak.PauseIfReachedAsync(db, run.ScheduleId, limit, cancellationToken)
            || await db.Schedules.AsNoTracking().SingleOrDefaultAsync(s => s.Id == run.ScheduleId, cancellationToken) is not { } schedule)
        {
            return;
        }

        await notices.TellOwnerAsync(
            schedule,
            Reply.Plain($"⏸ Schedule {schedule.Id} is paused: its last {limit} runs failed (the last: task {notification.TaskId}). /schedule resume {schedule.Id} starts it again."),
            cancellationToken);
    }
}
