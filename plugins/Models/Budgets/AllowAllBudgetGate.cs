using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Budgets;

/// <summary>
/// The gate when no plugin provides budgets: every call is allowed. Not registered: a registered default would
/// compete with the Costs plugin's gate, and which one won would depend on the order plugins load in.
/// </summary>
internal sealed class AllowAllBudgetGate : IBudgetGate
{
    public static AllowAllBudgetGate Instance { get; } = new();

    public ValueTask<BudgetDecision> BeforeCallAsync(BudgetRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<BudgetDecision>(new BudgetDecision.Allow());

    public ValueTask AfterCallAsync(BudgetSettlement settlement, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
