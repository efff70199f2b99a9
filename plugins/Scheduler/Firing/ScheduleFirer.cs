using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Scheduler.Cron;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>
/// Fires due schedules. Each occurrence queues its task through <see cref="EnqueueTask"/> with the idempotency key
/// <c>schedule:&lt;id&gt;:&lt;scheduled UTC&gt;</c>, and only then is the next run advanced, with a compare-and-set on the
/// old one. A crash in between fires the occurrence again and finds the same task; two processes on one database both
/// find one task, and only one of them advances the schedule and records the run.
/// </summary>
internal sealed class ScheduleFirer(
    SchedulerDbContext db,
    IRequestSender sender,
    IUserDirectory users,
    ScheduleNotices notices,
    TimeProvider time,
    IOptions<SchedulerOptions> options,
    SchedulerMetrics metrics,
    ILogger<ScheduleFirer> logger)
{
    /// <summary>The most schedules fired in one pass; the rest are next in line.</summary>
    public const int BatchSize = 200;

    private static readonly Actor Scheduler = Actor.System("schedule");

    /// <summary>Fires every schedule due now; answers how many were due.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await Due(db, now).ToListAsync(cancellationToken);
        foreach (var schedule in due)
        {
            try
            {
                await FireAsync(schedule, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broken schedule must not hold up the others; it is due again on the next pass.
                logger.LogError(ex, "Schedule {Schedule} could not be fired", schedule.Id);
                db.ChangeTracker.Clear();
            }
        }

        return due.Count;
    }

    /// <summary>The next run of the schedule due soonest (null when none is), so the loop can wake for it.</summary>
    public Task<DateTime?> EarliestDueAsync(CancellationToken cancellationToken) => Earliest(db).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The schedules due at <paramref name="now"/>, soonest first, one batch: a range scan of the (Paused, NextRunUtc) index.</summary>
    internal static IQueryable<ScheduleRow> Due(SchedulerDbContext db, DateTime now) =>
        db.Schedules.Where(s => !s.Paused && s.NextRunUtc != null && s.NextRunUtc <= now).OrderBy(s => s.NextRunUtc).Take(BatchSize);

    /// <summary>The soonest next run of any schedule not paused: the first entry of the same index.</summary>
    internal static IQueryable<DateTime?> Earliest(SchedulerDbContext db) =>
        db.Schedules.Where(s => !s.Paused && s.NextRunUtc != null).OrderBy(s => s.NextRunUtc).Select(s => s.NextRunUtc);

    /// <summary>Queues one task now, outside the rule (<c>/schedule run</c>); the schedule's next run is not touched.</summary>
    public async Task<TaskView> RunNowAsync(ScheduleRow schedule, string key, CancellationToken cancellationToken)
    {
        var owner = await users.ResolveAsync(schedule.OwnerId, "schedule", cancellationToken)
            ?? throw new ForbiddenException($"Schedule {schedule.Id} cannot run: its owner may no longer use the bot.");
        var task = await sender.SendAsAsync(Scheduler, Request(schedule, owner, $"schedule:{schedule.Id}:run:{key}"), cancellationToken);
        schedule.LastTaskId = task.Id;
        schedule.LastOutcome = $"queued {task.Id} (run by hand)";
        schedule.OverlapNoticeSent = false;
        db.Runs.Add(new ScheduleRunRow { ScheduleId = schedule.Id, ScheduledUtc = time.GetUtcNow().UtcDateTime, FiredAtUtc = time.GetUtcNow().UtcDateTime, TaskId = task.Id, Outcome = "queued" });
        await db.SaveChangesAsync(cancellationToken);
        return task;
    }

    private async Task FireAsync(ScheduleRow schedule, DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var dueUtc = schedule.NextRunUtc!.Value;
        if (!CronRule.TryParse(schedule.Expression, out var rule, out var error) || Zones.Find(schedule.TimeZone) is not { } zone)
        {
            await PauseAsync(schedule, dueUtc, error ?? $"the time zone {schedule.TimeZone} is not known on this server", cancellationToken);
            return;
        }

        var owner = await users.ResolveAsync(schedule.OwnerId, "schedule", cancellationToken);
        if (owner is null)
        {
            await PauseAsync(schedule, dueUtc, "its owner may no longer use the bot", cancellationToken);
            return;
        }

        var plan = DueOccurrences.For(
            rule!,
            zone,
            dueUtc,
            now,
            schedule.Misfire,
            TimeSpan.FromSeconds(settings.LateAfterSeconds),
            TimeSpan.FromMinutes(settings.MisfireGraceMinutes),
            settings.MaxMisfireRuns);
        var runs = new List<ScheduleRunRow>();
        if (plan.LastMissedUtc is { } lastMissed)
        {
            runs.Add(Run(schedule, lastMissed, now, null, $"missed: {plan.Missed} run(s) while the bot was down ({Policy(schedule.Misfire)})"));
        }

        var tellOverlap = false;
        var refused = 0;
        foreach (var at in plan.Run)
        {
            if (schedule.Overlap == OverlapPolicy.Skip && await StillGoingAsync(schedule.LastTaskId, cancellationToken) is { } going)
            {
                runs.Add(Run(schedule, at, now, null, $"skipped: {going.Id} was still {going.State.ToString().ToLowerInvariant()}"));
                tellOverlap |= !schedule.OverlapNoticeSent;
                schedule.OverlapNoticeSent = true;
                continue;
            }

            try
            {
                var task = await sender.SendAsAsync(Scheduler, Request(schedule, owner, Key(schedule.Id, at)), cancellationToken);
                runs.Add(Run(schedule, at, now, task.Id, "queued"));
                metrics.Queued(time.GetUtcNow().UtcDateTime - at);
                schedule.LastTaskId = task.Id;
                schedule.OverlapNoticeSent = false;
            }
            catch (PluginBotException ex)
            {
                // Refused (a project or model that is gone, a budget now out of range): recorded, counted as a failure.
                runs.Add(Run(schedule, at, now, null, $"not queued: {ex.Message}"));
                refused++;
            }
        }

        schedule.NextRunUtc = plan.NextRunUtc;
        if (runs.Count > 0)
        {
            schedule.LastOutcome = runs[^1].TaskId is { } id ? $"queued {id}" : runs[^1].Outcome;
        }

        if (!await CommitAsync(schedule, dueUtc, runs, cancellationToken))
        {
            return;
        }

        await FailureStreak.AddAsync(db, schedule.Id, refused, cancellationToken);
        if (refused > 0 && await FailureStreak.PauseIfReachedAsync(db, schedule.Id, settings.PauseAfterFailures, cancellationToken))
        {
            (schedule.Paused, schedule.PausedReason) = (true, FailureStreak.Reason(settings.PauseAfterFailures));
        }

        if (tellOverlap)
        {
            await TellAsync(schedule, $"⏭ Schedule {schedule.Id}: a run was skipped because the last one ({schedule.LastTaskId}) is still going. Later skips are not announced; /schedule {schedule.Id} lists them.", cancellationToken);
        }

        if (schedule.Paused)
        {
            await TellAsync(schedule, $"⏸ Schedule {schedule.Id} is paused: {schedule.PausedReason}. /schedule resume {schedule.Id} starts it again.", cancellationToken);
        }
    }

    /// <summary>The schedule's changes and its runs, kept only if no one advanced it meanwhile.</summary>
    private async Task<bool> CommitAsync(ScheduleRow schedule, DateTime dueUtc, List<ScheduleRunRow> runs, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var advanced = await db.Schedules
            .Where(s => s.Id == schedule.Id && s.NextRunUtc == dueUtc)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.NextRunUtc, schedule.NextRunUtc)
                    .SetProperty(s => s.LastTaskId, schedule.LastTaskId)
                    .SetProperty(s => s.LastOutcome, schedule.LastOutcome)
                    .SetProperty(s => s.OverlapNoticeSent, schedule.OverlapNoticeSent)
                    .SetProperty(s => s.Paused, s => s.Paused || schedule.Paused)
                    .SetProperty(s => s.PausedReason, s => schedule.Paused ? schedule.PausedReason : s.PausedReason),
                cancellationToken);
        if (advanced == 0)
        {
            // Another process fired this occurrence (its tasks are the ones ours found by key), or it was edited.
            db.ChangeTracker.Clear();
            return false;
        }

        db.Entry(schedule).State = EntityState.Unchanged;
        db.Runs.AddRange(runs);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task PauseAsync(ScheduleRow schedule, DateTime dueUtc, string reason, CancellationToken cancellationToken)
    {
        schedule.Paused = true;
        schedule.PausedReason = reason;
        logger.LogWarning("Schedule {Schedule} paused: {Reason}", schedule.Id, reason);
        if (await CommitAsync(schedule, dueUtc, [], cancellationToken))
        {
            await TellAsync(schedule, $"⏸ Schedule {schedule.Id} is paused: {reason}.", cancellationToken);
        }
    }

    private async Task<TaskView?> StillGoingAsync(string? taskId, CancellationToken cancellationToken)
    {
        if (taskId is null)
        {
            return null;
        }

        try
        {
            var task = await sender.SendAsAsync(Scheduler, new GetTask(taskId), cancellationToken);
            return task.IsActive ? task : null;
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private Task TellAsync(ScheduleRow schedule, string text, CancellationToken cancellationToken) =>
        notices.TellOwnerAsync(schedule, Reply.Plain(text), cancellationToken);

    internal static EnqueueTask Request(ScheduleRow schedule, Actor owner, string key) => new(schedule.Prompt)
    {
        Model = schedule.Model,
        Budget = schedule.BudgetDollars is { } dollars ? Usd.FromDollars(dollars) : null,
        Project = schedule.Project,
        Owner = owner,
        Conversation = Conversation(schedule),
        Origin = $"schedule:{schedule.Id}",
        IdempotencyKey = key,
    };

    internal static string Key(string scheduleId, DateTime scheduledUtc) =>
        $"schedule:{scheduleId}:{scheduledUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}";

    internal static ConversationReference? Conversation(ScheduleRow schedule) =>
        schedule is { Transport: { } transport, ChatId: { } chat } ? new(transport, chat, schedule.ThreadId) : null;

    private static ScheduleRunRow Run(ScheduleRow schedule, DateTime scheduledUtc, DateTime now, string? taskId, string outcome) =>
        new() { ScheduleId = schedule.Id, ScheduledUtc = scheduledUtc, FiredAtUtc = now, TaskId = taskId, Outcome = outcome };

    private static string Policy(MisfirePolicy policy) => policy switch
    {
        MisfirePolicy.Once => "--misfire once: one run made up",
        MisfirePolicy.Skip => "--misfire skip",
        _ => "--misfire all: the latest ones run",
    };
}
