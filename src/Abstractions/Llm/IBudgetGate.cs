using PluginBot.Abstractions.Costs;
namespace PluginBot.Abstractions.Llm;

/// <summary>What the router tells the gate before a call attempt.</summary>
/// <param name="AttemptId">Unique per attempt; the same id arrives in <see cref="BudgetSettlement"/> and <see cref="LlmCallCompleted"/>.</param>
/// <param name="Context">The caller's call context (actor, project, task, cap).</param>
/// <param name="Model">The model about to be called.</param>
/// <param name="EndpointKind">The endpoint's protocol.</param>
/// <param name="IsLocal">True for local endpoints.</param>
/// <param name="EstimatedInputTokens">The prompt's estimated size.</param>
/// <param name="MaxOutputTokens">The most the call may produce (always set by the router).</param>
public sealed record BudgetRequest(
    Guid AttemptId,
    LlmCallContext Context,
    ModelReference Model,
    string EndpointKind,
    bool IsLocal,
    long EstimatedInputTokens,
    long MaxOutputTokens);

/// <summary>The gate's answer before a call.</summary>
public abstract record BudgetDecision
{
    /// <summary>Go ahead.</summary>
    public sealed record Allow : BudgetDecision;

    /// <summary>Refuse: the router throws <see cref="BudgetExceededException"/> built from this.</summary>
    /// <param name="Message">Which budget, spent vs limit, when it resets.</param>
    /// <param name="Budget">Which budget, e.g. <c>user/day</c>.</param>
    /// <param name="Spent">Spent so far.</param>
    /// <param name="Limit">The limit.</param>
    public sealed record Deny(string Message, string Budget, Usd Spent, Usd Limit) : BudgetDecision;

    /// <summary>Use this cheaper model instead; the router asks the gate again for it.</summary>
    /// <param name="Model">The cheaper model.</param>
    /// <param name="Reason">Shown in logs.</param>
    public sealed record UseModel(ModelReference Model, string Reason) : BudgetDecision;
}

/// <summary>What the router tells the gate after an attempt, however it ended.</summary>
/// <param name="AttemptId">The attempt.</param>
/// <param name="Usage">Tokens the provider reported (zero when it reported none: a stopped, cut or failed call).</param>
/// <param name="ProviderCost">The price the provider reported, when it did.</param>
/// <param name="Outcome">How the attempt ended.</param>
public sealed record BudgetSettlement(Guid AttemptId, LlmUsage Usage, Usd? ProviderCost, LlmCallOutcome Outcome)
{
    /// <summary>
    /// The text (answer and reasoning) the provider had sent when the attempt ended, given when the answer did not
    /// arrive whole or came without an output count: the provider bills those tokens, so a gate counts them itself
    /// rather than charge a stopped answer nothing. Null when nothing streamed or the usage covers it. Since host API 1.5.
    /// </summary>
    public string? StreamedText { get; init; }

    /// <summary>
    /// True when the provider received the request and may bill it even without reporting usage: the answer
    /// arrived, was stopped, cut off, or timed out. False when the request never left (the call was cancelled while
    /// it waited for its endpoint) or the provider refused it with an error (429, 5xx, 4xx) or could not be reached:
    /// providers do not bill those. Since host API 1.5.
    /// </summary>
    public bool ProviderMayBill { get; init; }
}

/// <summary>
/// Called around every model call attempt by the router; no caller can skip it. The default allows everything;
/// the Costs plugin replaces it with reservations against real budgets.
/// </summary>
public interface IBudgetGate
{
    /// <summary>Before the attempt: allow, deny, or use a cheaper model.</summary>
    ValueTask<BudgetDecision> BeforeCallAsync(BudgetRequest request, CancellationToken cancellationToken);

    /// <summary>After the attempt: settle the reservation to what was really used.</summary>
    ValueTask AfterCallAsync(BudgetSettlement settlement, CancellationToken cancellationToken);
}
