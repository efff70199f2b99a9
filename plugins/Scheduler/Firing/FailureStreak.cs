using Microsoft.EntityFrameworkCore;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>
/// Failures in a row, counted in the database: the firer (runs refused when queued) and the outcome handler (runs
/// that failed) both add to it at once, so each change is an increment in SQL, never a value read earlier.
/// </summary>
internal static class FailureStreak
{
    public static Task AddAsync(SchedulerDbContext db, string scheduleId, int failures, CancellationToken cancellationToken) =>
        failures == 0
            ? Task.CompletedTask
            : db.Schedules.Where(s => s.Id == scheduleId)
                .ExecuteUpdateAsync(set => set.SetProperty(s => s.FailuresInRow, s => s.FailuresInRow + failures), cancellationToken);

    public static Task ResetAsync(SchedulerDbContext db, string scheduleId, CancellationToken cancellationToken) =>
        db.Schedules.Where(s => s.Id == scheduleId)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.FailuresInRow, 0), cancellationToken);

    /// <summary>Pauses the schedule if its streak reached <paramref name="limit"/>; true only for the call that paused it.</summary>
    public static async Task<bool> PauseIfReachedAsync(SchedulerDbContext db, string scheduleId, int limit, CancellationToken cancellationToken) =>
        await db.Schedules.Where(s => s.Id == scheduleId && !s.Paused && s.FailuresInRow >= limit)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Paused, true)
                    .SetProperty(s => s.PausedReason, Reason(limit)),
                cancellationToken) == 1;

    public static string Reason(int limit) => $"{limit} runs in a row failed";
}
