using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Carries one call's context from <see cref="EndpointChatClient"/> down to <see cref="LiteLlmPolicy"/> (which
/// runs inside the SDK, out of reach of <c>ChatOptions</c>), and what the provider said about the call (its price, how long to wait) back up.
/// </summary>
internal sealed class CallScope(LlmCallContext? context)
{
    private static readonly AsyncLocal<CallScope?> CurrentScope = new();

    public static CallScope? Current => CurrentScope.Value;

    public LlmCallContext? Context { get; } = context;

    /// <summary>The price the gateway reported for the call, in micro-dollars.</summary>
    public long? CostMicros { get; set; }

    /// <summary>How long the provider asked to wait, when it refused the call and said so.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Makes this the scope of the calling async flow (and of everything it awaits from now on).</summary>
    public void Enter() => CurrentScope.Value = this;
}
