namespace PluginBot.Plugins.Scheduler.Storage;

/// <summary>One schedule: what to queue, when (a cron rule in a zone), and how it has gone so far.</summary>
internal sealed class ScheduleRow
{
    public required string Id { get; set; }

    public long OwnerId { get; set; }

    public string? Transport { get; set; }

    public string? ChatId { get; set; }

    public string? ThreadId { get; set; }

    public required string Expression { get; set; }

    public required string TimeZone { get; set; }

    public MisfirePolicy Misfire { get; set; }

    public OverlapPolicy Overlap { get; set; }

    public required string Prompt { get; set; }

    public string? Model { get; set; }

    public decimal? BudgetDollars { get; set; }

    public string? Project { get; set; }

    public bool Paused { get; set; }

    /// <summary>Why the bot paused it (null when its owner did, or when it runs).</summary>
    public string? PausedReason { get; set; }

    /// <summary>The next occurrence, in UTC; null when the rule has none left.</summary>
    public DateTime? NextRunUtc { get; set; }

    public string? LastTaskId { get; set; }

    public string? LastOutcome { get; set; }

    public int FailuresInRow { get; set; }

    /// <summary>The owner was told that an occurrence was skipped because the last run was still going (told once).</summary>
    public bool OverlapNoticeSent { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The delivery that created it (a chat update, an HTTP idempotency key): delivered again, found again.</summary>
    public string? CreationKey { get; set; }
}

/// <summary>An occurrence that was due: the task it queued, or why it did not.</summary>
internal sealed class ScheduleRunRow
{
    public long Id { get; set; }

    public required string ScheduleId { get; set; }

    public DateTime ScheduledUtc { get; set; }

    public DateTime FiredAtUtc { get; set; }

    public string? TaskId { get; set; }

    /// <summary><c>queued</c>, <c>skipped: …</c>, <c>missed</c>, then the task's final state.</summary>
    public required string Outcome { get; set; }
}

/// <summary>What happens to occurrences that fell due while the bot was down.</summary>
internal enum MisfirePolicy
{
    /// <summary>One run for all of them, if the last one is within the grace window.</summary>
    Once,

    /// <summary>None; the schedule goes on from the next occurrence.</summary>
    Skip,

    /// <summary>Each of them, up to a cap (the latest ones).</summary>
    All,
}

/// <summary>What happens to an occurrence while the previous run is still queued or running.</summary>
internal enum OverlapPolicy
{
    /// <summary>Recorded as skipped; the owner is told once.</summary>
    Skip,

    /// <summary>Queued behind it.</summary>
    Queue,
}
