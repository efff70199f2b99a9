using Microsoft.Extensions.AI;

namespace PluginBot.Abstractions.Llm;

/// <summary>
/// One configured model endpoint (an OpenAI-compatible gateway, Anthropic, a local Ollama...). Provider plugins
/// register one singleton per configured endpoint; the router finds them by <see cref="Name"/>.
/// </summary>
public interface ILlmEndpoint
{
    /// <summary>The name used in model references, e.g. <c>gateway</c> in <c>gateway:gpt-4o</c>.</summary>
    string Name { get; }

    /// <summary>The protocol: <c>openai</c>, <c>anthropic</c>, <c>ollama</c>, ...</summary>
    string Kind { get; }

    /// <summary>The model used when a reference names only this endpoint, if configured.</summary>
    string? DefaultModel { get; }

    /// <summary>True when calls cost nothing unless priced (local models).</summary>
    bool IsLocal { get; }

    /// <summary>
    /// A client for one model, with the SDK's own retries switched off: the router is the one retry layer.
    /// </summary>
    IChatClient CreateClient(string model);

    /// <summary>The models the endpoint offers right now.</summary>
    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken);

    /// <summary>Whether the endpoint answers, with a reason when it does not.</summary>
    Task<EndpointReadiness> CheckReadyAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reads an exception thrown by this endpoint's client into a provider-neutral failure, so the router can
    /// decide to retry, fall back or surface it without knowing the SDK.
    /// </summary>
    LlmFailure Classify(Exception exception);
}

/// <summary>Whether an endpoint answers.</summary>
/// <param name="Ready">True when it answered.</param>
/// <param name="Detail">What was checked, or why it failed.</param>
public sealed record EndpointReadiness(bool Ready, string Detail);
