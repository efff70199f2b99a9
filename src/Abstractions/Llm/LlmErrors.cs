using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;

namespace PluginBot.Abstractions.Llm;

/// <summary>
/// A model call failed: the message is one sentence naming what failed, where, and what to do. Thrown after
/// the router's retries and fallbacks are spent, or at once for failures that cannot be retried.
/// </summary>
public sealed class LlmCallFailedException(LlmFailure failure, string endpoint, string model, Exception? inner = null)
    : PluginBotException(failure.Message, inner)
{
    /// <summary>The provider-neutral failure.</summary>
    public LlmFailure Failure { get; } = failure;

    /// <summary>The endpoint of the last attempt.</summary>
    public string Endpoint { get; } = endpoint;

    /// <summary>The model of the last attempt.</summary>
    public string Model { get; } = model;
}

/// <summary>
/// The budget gate refused the call. Distinct from provider errors so callers can end work as
/// "budget exceeded" rather than "failed".
/// </summary>
public sealed class BudgetExceededException(string message, string budget, Usd spent, Usd limit) : PluginBotException(message)
{
    /// <summary>Which budget was crossed, e.g. <c>task</c>, <c>user/day</c>, <c>global/month</c>.</summary>
    public string Budget { get; } = budget;

    /// <summary>Spent so far.</summary>
    public Usd Spent { get; } = spent;

    /// <summary>The limit.</summary>
    public Usd Limit { get; } = limit;
}

/// <summary>A model reference or alias that cannot be resolved.</summary>
public sealed class ModelNotAvailableException(string message) : PluginBotException(message);
