namespace PluginBot.Abstractions.Llm;

/// <summary>What kind of failure a model call met.</summary>
public enum LlmFailureKind
{
    /// <summary>429: too many requests; retry after a while, or fall back.</summary>
    RateLimited,

    /// <summary>5xx or "overloaded": the provider's side; retry or fall back.</summary>
    ServerError,

    /// <summary>No answer within the time-out.</summary>
    Timeout,

    /// <summary>The endpoint could not be reached.</summary>
    Connection,

    /// <summary>401/403: the token is wrong or missing. Not retried.</summary>
    Authentication,

    /// <summary>The model does not exist or is not pulled. Not retried.</summary>
    ModelNotFound,

    /// <summary>The request itself was refused (400). Not retried.</summary>
    BadRequest,

    /// <summary>The provider answered something that is not its protocol (garbage, a cut stream).</summary>
    InvalidResponse,

    /// <summary>Anything else. Not retried.</summary>
    Unknown,
}

/// <summary>A provider failure read by the endpoint that knows its SDK.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Message">One sentence for a person: what failed and what to do.</param>
/// <param name="RetryAfter">How long the provider asked to wait, when it said.</param>
public sealed record LlmFailure(LlmFailureKind Kind, string Message, TimeSpan? RetryAfter = null)
{
    /// <summary>Worth another attempt (same or fallback model) when nothing has streamed yet.</summary>
    public bool IsTransient => Kind is LlmFailureKind.RateLimited or LlmFailureKind.ServerError or LlmFailureKind.Timeout or LlmFailureKind.Connection;
}
