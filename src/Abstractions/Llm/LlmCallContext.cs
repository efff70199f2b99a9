using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Abstractions.Llm;

/// <summary>
/// Who a model call is for and what it belongs to. The caller sets it; the router, the budget gate and the
/// usage event all receive it, so the caller's idempotency key travels with every attempt.
/// </summary>
public sealed record LlmCallContext
{
    /// <summary>Who the call runs as (spend is charged to them).</summary>
    public required Actor Actor { get; init; }

    /// <summary>The project the call belongs to, if any.</summary>
    public string? Project { get; init; }

    /// <summary>The task the call belongs to, if any.</summary>
    public string? TaskId { get; init; }

    /// <summary>The step within the task, if any.</summary>
    public int? Step { get; init; }

    /// <summary>
    /// The caller's key for this logical call (e.g. task, attempt, step). A replayed usage event with the same
    /// attempt id is never counted twice; this key lets the ledger link attempts of one logical call.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>A spending cap for the caller's unit of work, if any.</summary>
    public Usd? BudgetCap { get; init; }

    /// <summary>A free-form purpose shown in logs and ledgers, e.g. <c>chat</c>, <c>task</c>, <c>ask</c>.</summary>
    public string Purpose { get; init; } = "call";
}
