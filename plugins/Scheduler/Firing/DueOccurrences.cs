using PluginBot.Plugins.Scheduler.Cron;
using PluginBot.Plugins.Scheduler.Storage;

namespace PluginBot.Plugins.Scheduler.Firing;

/// <summary>What a due schedule does now: which occurrences run, which are recorded as missed, and its next run.</summary>
/// <param name="Run">Occurrences to queue, oldest first (their scheduled times are the tasks' idempotency keys).</param>
/// <param name="Missed">How many due occurrences do not run.</param>
/// <param name="LastMissedUtc">The latest of those, for the record.</param>
/// <param name="NextRunUtc">The first occurrence after now, computed from the rule (never from when the firing happened).</param>
internal sealed record DueOccurrences(IReadOnlyList<DateTime> Run, int Missed, DateTime? LastMissedUtc, DateTime? NextRunUtc)
{
    /// <summary>
    /// Every occurrence from <paramref name="dueUtc"/> up to <paramref name="nowUtc"/> is due. When all are on time (within
    /// <paramref name="lateAfter"/>) they run; otherwise the policy decides: <c>once</c> runs the latest if it is within
    /// <paramref name="grace"/>, <c>skip</c> runs only the on-time ones, <c>all</c> runs the latest <paramref name="cap"/>.
    /// </summary>
    public static DueOccurrences For(
        CronRule rule,
        TimeZoneInfo zone,
        DateTime dueUtc,
        DateTime nowUtc,
        MisfirePolicy policy,
        TimeSpan lateAfter,
        TimeSpan grace,
        int cap)
    {
        var window = Math.Max(cap, 1);
        var latest = new Queue<DateTime>(window);
        var count = 0;
        DateTime? occurrence = dueUtc;
        while (occurrence is { } at && at <= nowUtc)
        {
            count++;
            if (latest.Count == window)
            {
                latest.Dequeue();
            }

            latest.Enqueue(at);
            occurrence = rule.NextAfter(at, zone);
        }

        var next = occurrence;
        var kept = latest.ToList();
        if (count == 0)
        {
            return new([], 0, null, next);
        }

        var onTime = kept.Where(at => nowUtc - at <= lateAfter).ToList();
        var run = onTime.Count == count
            ? onTime
            : policy switch
            {
                MisfirePolicy.Once => nowUtc - kept[^1] <= grace ? [kept[^1]] : [],
                MisfirePolicy.Skip => onTime,
                _ => kept,
            };
        var missed = count - run.Count;
        var lastMissed = missed == 0 ? (DateTime?)null : kept.Except(run).DefaultIfEmpty(dueUtc).Max();
        return new(run, missed, lastMissed, next);
    }
}
