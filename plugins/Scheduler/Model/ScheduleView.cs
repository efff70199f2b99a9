using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Scheduler.Cron;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Model;

/// <summary>
/// A schedule as its owner sees it, in chat and in <c>/api/schedules</c>: its rule as written and in words, its zone,
/// the work of each run, where it stands, its next runs and its latest runs (newest first).
/// </summary>
public sealed record ScheduleView(
    string Id,
    long OwnerId,
    string Expression,
    string Description,
    string TimeZone,
    string Misfire,
    string Overlap,
    string Prompt,
    string? Model,
    Usd? Budget,
    string? Project,
    bool Paused,
    string? PausedReason,
    DateTime? NextRunUtc,
    IReadOnlyList<DateTime> NextRuns,
    string? LastTaskId,
    string? LastOutcome,
    DateTime CreatedAtUtc,
    IReadOnlyList<ScheduleRunView> Runs);

/// <summary>One occurrence that fell due: the task it queued (if any) and what became of it.</summary>
public sealed record ScheduleRunView(DateTime ScheduledUtc, DateTime FiredAtUtc, string? TaskId, string Outcome);

/// <summary>Schedules listed for someone; <see cref="Everyone"/> when an admin asked for all of them.</summary>
public sealed record ScheduleList(IReadOnlyList<ScheduleView> Schedules, bool Everyone);

/// <summary>What a request did to a schedule, with the schedule as it is now (as it was, once deleted).</summary>
/// <param name="TaskId">The task a run by hand queued.</param>
public sealed record ScheduleChange(ScheduleAction Action, ScheduleView Schedule, string? TaskId = null);

/// <summary>What can be done to a schedule.</summary>
public enum ScheduleAction
{
    Show,
    Create,
    Pause,
    Resume,
    Delete,
    Run,
}

/// <summary>Builds views from rows.</summary>
internal static class ScheduleViews
{
    public const int NextShown = 3;

    public const int RunsShown = 10;

    public static async Task<ScheduleView> OneAsync(SchedulerDbContext db, ScheduleRow schedule, CancellationToken cancellationToken)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.ScheduleId == schedule.Id)
            .OrderByDescending(r => r.ScheduledUtc).ThenByDescending(r => r.Id).Take(RunsShown).ToListAsync(cancellationToken);
        return Of(schedule, [.. runs.Select(r => new ScheduleRunView(r.ScheduledUtc, r.FiredAtUtc, r.TaskId, r.Outcome))]);
    }

    /// <summary>Without its runs: for lists.</summary>
    public static ScheduleView Of(ScheduleRow schedule, IReadOnlyList<ScheduleRunView>? runs = null)
    {
        var parsed = CronRule.TryParse(schedule.Expression, out var rule, out _);
        var zone = Zones.Find(schedule.TimeZone);
        IReadOnlyList<DateTime> next = parsed && zone is not null && !schedule.Paused && schedule.NextRunUtc is { } first
            ? [first, .. rule!.Next(first, zone, NextShown - 1)]
            : [];
        return new ScheduleView(
            schedule.Id,
            schedule.OwnerId,
            schedule.Expression,
            parsed ? CronWords.Describe(rule!) : "not a valid rule",
            schedule.TimeZone,
            schedule.Misfire.ToString().ToLowerInvariant(),
            schedule.Overlap.ToString().ToLowerInvariant(),
            schedule.Prompt,
            schedule.Model,
            schedule.BudgetDollars is { } dollars ? Usd.FromDollars(dollars) : null,
            schedule.Project,
            schedule.Paused,
            schedule.PausedReason,
            schedule.NextRunUtc,
            next,
            schedule.LastTaskId,
            schedule.LastOutcome,
            schedule.CreatedAtUtc,
            runs ?? []);
    }
}
