using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// What every endpoint kind shares: its settings, readiness through the models listing on a short-time-out client,
/// and classification. A kind supplies the chat client and the listing.
/// </summary>
internal abstract class GatewayEndpoint(EndpointSettings settings, TimeProvider clock) : ILlmEndpoint
{
    private readonly FailureClassifier _classifier = new(settings, clock);

    protected EndpointSettings Settings => settings;

    public string Name => settings.Name;

    public string Kind => settings.Kind;

    public string? DefaultModel => settings.DefaultModel;

    public bool IsLocal => settings.IsLocal;

    public IChatClient CreateClient(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new EndpointChatClient(CreateSdkClient(model), model);
    }

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) => ListAsync(forReadiness: false, cancellationToken);

    public async Task<EndpointReadiness> CheckReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var models = await ListAsync(forReadiness: true, cancellationToken).ConfigureAwait(false);
            return new EndpointReadiness(true, $"{Name} at {settings.DisplayUrl} lists {models.Count} models.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = ex is OperationCanceledException or TimeoutException
                ? new LlmFailure(LlmFailureKind.Timeout, $"{Name} did not list its models within {settings.ReadyTimeout.TotalSeconds:0.#} s: is it overloaded?")
                : Classify(ex);
            return new EndpointReadiness(false, failure.Message);
        }
    }

    public LlmFailure Classify(Exception exception) => _classifier.Classify(exception);

    /// <summary>The SDK's own <c>IChatClient</c> for one model (retries off).</summary>
    protected abstract IChatClient CreateSdkClient(string model);

    /// <summary>The models the endpoint lists; <paramref name="forReadiness"/> selects the short-time-out client.</summary>
    protected abstract Task<IReadOnlyList<string>> ListAsync(bool forReadiness, CancellationToken cancellationToken);
}
