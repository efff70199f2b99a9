using MediatR;
using PluginBot.Abstractions.Costs;

namespace PluginBot.Abstractions.Llm;

/// <summary>How a model call attempt ended.</summary>
public enum LlmCallOutcome
{
    /// <summary>The answer arrived whole.</summary>
    Completed,

    /// <summary>The provider or the network failed.</summary>
    Failed,

    /// <summary>The caller cancelled or stopped reading.</summary>
    Cancelled,

    /// <summary>Output had started when the stream broke: a partial answer.</summary>
    CutOff,
}

/// <summary>Tokens a call used.</summary>
/// <param name="InputTokens">Prompt tokens, cached and cache-written ones included.</param>
/// <param name="OutputTokens">Completion tokens, reasoning ones included.</param>
/// <param name="CachedInputTokens">Prompt tokens served from the provider's cache.</param>
/// <param name="ReasoningTokens">Completion tokens spent on reasoning.</param>
public sealed record LlmUsage(long InputTokens, long OutputTokens, long CachedInputTokens, long ReasoningTokens)
{
    /// <summary>No tokens.</summary>
    public static LlmUsage None { get; } = new(0, 0, 0, 0);

    /// <summary>Prompt tokens written to the provider's cache (priced above plain input by some providers).</summary>
    public long CacheWriteInputTokens { get; init; }
}

/// <summary>
/// Published once for every model call attempt — retries and fallbacks are attempts of their own — whatever
/// the outcome, including when the caller stopped reading early.
/// </summary>
/// <param name="AttemptId">Unique per attempt: a replayed event with the same id must not be counted twice.</param>
/// <param name="Context">The caller's call context (its idempotency key included).</param>
/// <param name="Endpoint">The endpoint's name.</param>
/// <param name="EndpointKind">The endpoint's protocol.</param>
/// <param name="Model">The model id.</param>
/// <param name="IsLocal">True for local endpoints.</param>
/// <param name="Usage">Tokens used.</param>
/// <param name="ProviderCost">The price the provider reported, when it did.</param>
/// <param name="Latency">From the request to the end of the answer.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The failure, one sentence, when it failed.</param>
/// <param name="AttemptNumber">1 for the first attempt of a call, 2 for the first retry or fallback, ...</param>
/// <param name="AtUtc">When the attempt started.</param>
public sealed record LlmCallCompleted(
    Guid AttemptId,
    LlmCallContext Context,
    string Endpoint,
    string EndpointKind,
    string Model,
    bool IsLocal,
    LlmUsage Usage,
    Usd? ProviderCost,
    TimeSpan Latency,
    LlmCallOutcome Outcome,
    string? Error,
    int AttemptNumber,
    DateTime AtUtc) : INotification
{
    /// <summary>The text the provider had sent, when the usage does not cover it (see <see cref="BudgetSettlement.StreamedText"/>). Since host API 1.5.</summary>
    public string? StreamedText { get; init; }

    /// <summary>Whether the provider may bill the attempt without reporting usage (see <see cref="BudgetSettlement.ProviderMayBill"/>). Since host API 1.5.</summary>
    public bool ProviderMayBill { get; init; }
}

/// <summary>Keys shared by the router and provider plugins.</summary>
public static class LlmKeys
{
    /// <summary>
    /// In <c>UsageDetails.AdditionalCounts</c>: the price the provider itself reported for the call, in
    /// micro-dollars (e.g. LiteLLM's <c>x-litellm-response-cost</c> header).
    /// </summary>
    public const string ProviderCostMicros = "pluginbot.provider_cost_micros";

    /// <summary>In <c>UsageDetails.AdditionalCounts</c>: prompt tokens written to the provider's cache.</summary>
    public const string CacheWriteInputTokens = "pluginbot.cache_write_input_tokens";

    /// <summary>
    /// In <c>ChatOptions.AdditionalProperties</c>: the <see cref="LlmCallContext"/> of the call, set by the router
    /// so a provider can tag the request (e.g. LiteLLM's <c>x-litellm-tags</c>). Providers must not send it as a
    /// request field.
    /// </summary>
    public const string CallContext = "pluginbot.call_context";
}
