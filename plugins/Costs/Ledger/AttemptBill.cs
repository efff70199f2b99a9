using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Estimates;

namespace PluginBot.Plugins.Costs.Ledger;

/// <summary>
/// What the end of an attempt says about its cost: the usage the provider reported, its own price if it gave one,
/// how the attempt ended, whether the provider received the request, and the tokens of the text that had streamed
/// when the usage does not cover it (counted with the model's tokenizer, outside any lock).
/// </summary>
internal sealed record AttemptBill(LlmUsage Usage, long? ProviderCostMicros, LlmCallOutcome Outcome, bool ProviderMayBill, long StreamedTokens)
{
    public static AttemptBill Of(BudgetSettlement settlement, string? model)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        return new(settlement.Usage, settlement.ProviderCost?.Micros, settlement.Outcome, settlement.ProviderMayBill, Count(model, settlement.StreamedText));
    }

    public static AttemptBill Of(LlmCallCompleted call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new(call.Usage, call.ProviderCost?.Micros, call.Outcome, call.ProviderMayBill, Count(call.Model, call.StreamedText));
    }

    /// <summary>
    /// The usage to charge. A provider that received the request bills the prompt it read and the output it sent,
    /// reported or not: where the report is missing (a stopped, cut or timed-out call) or falls short of the text that
    /// streamed, the prompt is the gate's estimate and the output the streamed text's count. Null when the report stands.
    /// </summary>
    public LlmUsage? Estimated(long estimatedPromptTokens)
    {
        if (!ProviderMayBill || (Usage.InputTokens > 0 && Usage.OutputTokens >= StreamedTokens))
        {
            return null;
        }

        return Usage with
        {
            InputTokens = Usage.InputTokens > 0 ? Usage.InputTokens : estimatedPromptTokens,
            OutputTokens = Math.Max(Usage.OutputTokens, StreamedTokens),
        };
    }

    private static long Count(string? model, string? text) => text is { Length: > 0 } ? TokenCounter.Count(model ?? "", text).Tokens : 0;
}
