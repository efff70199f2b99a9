using System.Text.Json.Serialization;
using MediatR;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Abstractions.Costs;

/// <summary>
/// Spend recorded in the cost ledger, the one source of truth for money. Every filter is optional and they
/// combine; a user (not an admin) only ever sees their own calls, and naming another user is refused.
/// </summary>
/// <param name="TaskId">Calls of this task.</param>
/// <param name="UserId">Calls charged to this user.</param>
/// <param name="Project">Calls of this project.</param>
/// <param name="FromUtc">From this instant (inclusive).</param>
/// <param name="ToUtc">Until this instant (exclusive).</param>
[Access(AccessLevel.Allowed)]
[NotRateLimited]
public sealed record GetSpend(string? TaskId = null, long? UserId = null, string? Project = null, DateTime? FromUtc = null, DateTime? ToUtc = null)
    : IRequest<SpendSummary>;

/// <summary>What a set of model calls cost.</summary>
/// <param name="Cost">Total, reservations of calls still running included (JSON: dollars).</param>
/// <param name="Calls">Model call attempts.</param>
/// <param name="InputTokens">Prompt tokens.</param>
/// <param name="OutputTokens">Completion tokens.</param>
/// <param name="UnpricedCalls">Calls of models without a price: their cost is unknown, not zero.</param>
/// <param name="InterruptedCalls">Calls cut off by a crash, charged at their estimate.</param>
/// <param name="RunningCalls">Calls still running, counted at their reservation.</param>
public sealed record SpendSummary(Usd Cost, int Calls, long InputTokens, long OutputTokens, int UnpricedCalls, int InterruptedCalls, int RunningCalls)
{
    /// <summary>Nothing spent.</summary>
    public static SpendSummary None { get; } = new(Usd.Zero, 0, 0, 0, 0, 0, 0);

    /// <summary>The total for display, e.g. <c>$0.42</c>, marked when some calls are unpriced.</summary>
    public override string ToString() => UnpricedCalls == 0 ? Cost.ToString() : $"{Cost} + {UnpricedCalls} unpriced";
}

/// <summary>
/// What a call of <paramref name="Model"/> with this prompt would cost, from the price catalog and a token
/// count of the prompt, plus an expected output range.
/// </summary>
/// <param name="Model">A model reference or alias; null for the current default.</param>
/// <param name="Prompt">The prompt (system prompt and history included, when the caller has them).</param>
/// <param name="MaxOutputTokens">The most the call may produce; null for the router's maximum.</param>
/// <param name="Calls">How many such calls (e.g. a task's steps); 1 by default.</param>
[Access(AccessLevel.Allowed)]
[NotRateLimited]
public sealed record EstimateCost(string? Model, string Prompt, long? MaxOutputTokens = null, int Calls = 1) : IRequest<CostEstimate>;

/// <summary>A cost estimate.</summary>
/// <param name="Model">The model it was made for, as <c>endpoint:model</c>.</param>
/// <param name="InputTokens">The prompt's size in tokens.</param>
/// <param name="TokensApproximate">True when the model's own tokenizer is unknown and a close one was used.</param>
/// <param name="Low">The expected cost with a short answer (rounded to the nearest micro-dollar).</param>
/// <param name="High">The cost with the longest answer allowed (rounded up: it is an upper bound).</param>
/// <param name="Unpriced">True when the model has no price: the range is then unknown.</param>
public sealed record CostEstimate(string Model, long InputTokens, bool TokensApproximate, Usd Low, Usd High, bool Unpriced)
{
    /// <summary>For display: <c>≈ $0.02–0.05</c>, <c>$0 (local)</c> or <c>unknown (no price for …)</c>.</summary>
    public override string ToString() =>
        Unpriced ? $"unknown (no price for {Model})"
        : High == Usd.Zero ? "$0"
        : $"≈ {Low}–{High.ToString().TrimStart('$')}";
}
