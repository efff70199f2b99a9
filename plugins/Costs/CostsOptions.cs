namespace PluginBot.Plugins.Costs;

/// <summary>Settings of the section <c>Plugins:Costs</c> (prices are read by the catalog from the same section).</summary>
internal sealed class CostsOptions
{
    /// <summary>Let models without a price run while a budget applies (their cost is then unknown and flagged).</summary>
    public bool AllowUnpriced { get; set; }

    /// <summary>Warn a user once per period when this share of a budget is spent.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 100, ErrorMessage = "set a share between 0 (no warnings) and 100, e.g. 80")]
    public int WarnAtPercent { get; set; } = 80;

    /// <summary>Budgets in USD; an admin's <c>/budget</c> overrides them at run time.</summary>
    public BudgetDefaults Budgets { get; set; } = new();
}

/// <summary>Configured budgets in USD (null: no limit).</summary>
internal sealed class BudgetDefaults
{
    /// <summary>What each user may spend per day.</summary>
    public decimal? UserDay { get; set; }

    /// <summary>What each user may spend per month.</summary>
    public decimal? UserMonth { get; set; }

    /// <summary>What the whole bot may spend per month.</summary>
    public decimal? GlobalMonth { get; set; }
}
