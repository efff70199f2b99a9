using PluginBot.Abstractions;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// One endpoint as configured. A class rather than a record so that the token can never appear in a
/// generated <c>ToString</c>.
/// </summary>
internal sealed class EndpointSettings
{
    public const string OpenAiKind = "openai";
    public const string AnthropicKind = "anthropic";

    public required string Name { get; init; }

    public required string Kind { get; init; }

    /// <summary>The configured base URL; null only for Anthropic, which then uses the SDK's default.</summary>
    public Uri? Url { get; init; }

    public string? Token { get; init; }

    public string? DefaultModel { get; init; }

    public bool IsLocal { get; init; }

    /// <summary>How long one call may take on the network; long, because generations are long.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the readiness check waits for the models listing.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How to name the URL setting to a person, e.g. <c>LLM_GATEWAY_URL (Plugins:LlmGateway:Url)</c>.</summary>
    public required string UrlSetting { get; init; }

    /// <summary>How to name the token setting to a person, e.g. <c>LLM_GATEWAY_TOKEN (Plugins:LlmGateway:Token)</c>.</summary>
    public required string TokenSetting { get; init; }

    /// <summary>How to name the time-out setting to a person.</summary>
    public required string TimeoutSetting { get; init; }

    /// <summary>The URL as it may be shown: a user and password, and secrets in the query, become <c>***</c>.</summary>
    public string DisplayUrl => Url is null ? "the provider's default URL" : Redaction.Url(Url);

    public override string ToString() => $"{Name} ({Kind}) at {DisplayUrl}";
}
