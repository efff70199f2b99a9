namespace PluginBot.Plugins.Costs.Storage;

/// <summary>Where a ledger row stands.</summary>
internal enum LedgerStatus
{
    /// <summary>The call is running: the row holds its reservation (the most it can cost).</summary>
    Running,

    /// <summary>The call ended and the row holds what it really cost.</summary>
    Settled,

    /// <summary>The process died during the call: charged at the reservation, since the provider may have billed it.</summary>
    Interrupted,
}

/// <summary>Where a row's cost comes from.</summary>
internal enum CostSource
{
    /// <summary>The most the call could cost, held while it runs or after a crash.</summary>
    Estimate,

    /// <summary>The provider or gateway reported the price.</summary>
    Gateway,

    /// <summary>Tokens × the price catalog.</summary>
    Catalog,

    /// <summary>No price known: the cost is unknown, not zero.</summary>
    Unpriced,
}

/// <summary>One model call attempt: the one record of what money was spent.</summary>
internal sealed class LedgerRow
{
    /// <summary>The attempt's unique id (<c>LlmCallCompleted.AttemptId</c>): a replayed event finds its row.</summary>
    public Guid AttemptId { get; set; }

    /// <summary>The caller's key for the logical call, linking its attempts.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>Who is charged: a user's id, 0 for the bot itself.</summary>
    public long UserId { get; set; }

    public string Purpose { get; set; } = "";

    public string? Project { get; set; }

    public string? TaskId { get; set; }

    public int? Step { get; set; }

    public int AttemptNumber { get; set; }

    public string Endpoint { get; set; } = "";

    /// <summary>Who bills the call (<c>anthropic</c>, <c>openai</c>, …): through a gateway, not the gateway itself.</summary>
    public string Provider { get; set; } = "";

    public string EndpointKind { get; set; } = "";

    public string Model { get; set; } = "";

    public bool IsLocal { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long CachedInputTokens { get; set; }

    public long CacheWriteInputTokens { get; set; }

    public long ReasoningTokens { get; set; }

    /// <summary>What the call is charged: the reservation while running or after a crash, else the real cost.</summary>
    public long CostMicros { get; set; }

    /// <summary>The most the call could cost, reserved before it ran.</summary>
    public long ReservedMicros { get; set; }

    /// <summary>What the price catalog says the call cost, kept beside a gateway-reported cost for comparison.</summary>
    public long? CatalogCostMicros { get; set; }

    /// <summary>What the provider reported, when it did.</summary>
    public long? ProviderCostMicros { get; set; }

    public CostSource Source { get; set; }

    /// <summary>The catalog entry the price came from.</summary>
    public string? PriceKey { get; set; }

    public LedgerStatus Status { get; set; }

    /// <summary>How the call ended (<c>LlmCallOutcome</c>), once it did.</summary>
    public string? Outcome { get; set; }

    public string? Error { get; set; }

    public long? LatencyMs { get; set; }
}

/// <summary>A budget changed by an admin at run time; it wins over the configured one.</summary>
internal sealed class BudgetRow
{
    /// <summary><c>user</c> (one user, or every user when <see cref="UserId"/> is 0) or <c>global</c>.</summary>
    public string Scope { get; set; } = "";

    public long UserId { get; set; }

    /// <summary><c>day</c> or <c>month</c>.</summary>
    public string Period { get; set; } = "";

    /// <summary>The limit, or null for "no limit" (switched off).</summary>
    public long? LimitMicros { get; set; }

    public string ChangedBy { get; set; } = "";

    public DateTime ChangedAtUtc { get; set; }
}

/// <summary>A one-time notice already sent (a budget warning per period, an unpriced model), so it is sent once.</summary>
internal sealed class NoticeRow
{
    public string Key { get; set; } = "";

    public DateTime SentAtUtc { get; set; }
}
