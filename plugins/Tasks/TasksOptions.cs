using System.ComponentModel.DataAnnotations;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Tasks;

/// <summary>Options under <c>Plugins:Tasks</c>.</summary>
internal sealed class TasksOptions
{
    /// <summary>How many tasks this process runs at once.</summary>
    [Range(1, 10_000)]
    public int Workers { get; set; } = 4;

    /// <summary>How many tasks may run at once over every process sharing the database.</summary>
    [Range(1, 10_000)]
    public int MaxRunning { get; set; } = 4;

    /// <summary>How many tasks of one project may run at once, unless <see cref="ProjectLimits"/> says otherwise.</summary>
    [Range(1, 10_000)]
    public int MaxRunningPerProject { get; set; } = 2;

    /// <summary>Per-project overrides of <see cref="MaxRunningPerProject"/>, by project name.</summary>
    public Dictionary<string, int> ProjectLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many active (queued, waiting, interrupted or running) tasks one person may have at once.</summary>
    [Range(1, 100_000)]
    public int MaxActivePerUser { get; set; } = 10;

    /// <summary>The most model calls (steps) one task may make.</summary>
    [Range(1, 1_000)]
    public int MaxSteps { get; set; } = 20;

    /// <summary>How long a worker's claim on a task lasts without renewal; another process takes the task over after.</summary>
    [Range(5, 3_600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often the task card of a running task is refreshed (edited in place).</summary>
    [Range(1, 3_600)]
    public int CardRefreshSeconds { get; set; } = 10;

    /// <summary>A running task with no output or progress for this long is stopped.</summary>
    [Range(0.05, 10_000)]
    public double IdleMinutes { get; set; } = 15;

    /// <summary>The longest a task may run, summed over its runs before and after restarts.</summary>
    [Range(0.05, 100_000)]
    public double MaxDurationMinutes { get; set; } = 120;

    /// <summary>The largest budget a task may be given, in dollars.</summary>
    [Range(0.000001, 1_000_000)]
    public decimal MaxBudgetUsd { get; set; } = 50;

    /// <summary>This process's id for leases; generated once and kept in the plugin's data folder when empty.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "use 1-64 letters, digits, '.', '_' or '-'")]
    public string? InstanceId { get; set; }

    /// <summary><see cref="MaxBudgetUsd"/> as an amount (rounded as every typed amount is).</summary>
    public Usd MaxBudget => Usd.FromDollars(MaxBudgetUsd);

    public int LimitFor(string project) => ProjectLimits.TryGetValue(project, out var limit) ? limit : MaxRunningPerProject;

    /// <summary>The budget offered to retry a task that spent its cap: twice the cap, at most <see cref="MaxBudget"/>.</summary>
    public Usd RetryBudgetAfter(Usd cap) => Usd.Min(cap * 2, MaxBudget);
}
