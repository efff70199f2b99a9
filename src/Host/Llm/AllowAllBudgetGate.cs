using PluginBot.Abstractions.Llm;

namespace PluginBot.Host.Llm;

/// <summary>The gate when no plugin provides budgets: every call is allowed.</summary>
internal sealed class AllowAllBudgetGate : IBudgetGate
{
    public ValueTask<BudgetDecision> BeforeCallAsync(BudgetRequest request, CancellationToken cancellationToken) =>
        ValueTask.FromResult<BudgetDecision>(new BudgetDecision.Allow());

    public ValueTask AfterCallAsync(BudgetSettlement settlement, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
