using System.ComponentModel.DataAnnotations;

namespace PluginBot.Plugins.Scheduler;

/// <summary>Options under <c>Plugins:Scheduler</c>.</summary>
internal sealed class SchedulerOptions
{
    /// <summary>The shortest time allowed between two runs of one schedule (<c>SCHEDULER_MIN_INTERVAL_MINUTES</c>).</summary>
    [Range(1, 1_440)]
    public int MinIntervalMinutes { get; set; } = 1;

    /// <summary>How many schedules one person may have (admins included).</summary>
    [Range(1, 10_000)]
    public int MaxSchedulesPerUser { get; set; } = 20;

    /// <summary>An occurrence found later than this is a misfire (the bot was down or busy), handled by the schedule's policy.</summary>
    [Range(10, 3_600)]
    public int LateAfterSeconds { get; set; } = 60;

    /// <summary>Under <c>--misfire once</c>, the missed runs are made up only if the last of them is at most this old.</summary>
    [Range(1, 100_000)]
    public int MisfireGraceMinutes { get; set; } = 360;

    /// <summary>Under <c>--misfire all</c>, the most missed occurrences run after downtime (the latest ones).</summary>
    [Range(1, 1_000)]
    public int MaxMisfireRuns { get; set; } = 10;

    /// <summary>A schedule whose runs failed this many times in a row pauses and tells its owner.</summary>
    [Range(1, 1_000)]
    public int PauseAfterFailures { get; set; } = 3;

    /// <summary>How often due schedules are looked for.</summary>
    [Range(1, 60)]
    public int PollSeconds { get; set; } = 5;
}
