using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Any OpenAI-compatible API (LiteLLM, OpenAI, OpenRouter, vLLM, LM Studio) through the OpenAI SDK, with the
/// SDK's retries off (the router is the one retry layer) and a network time-out sized for long generations.
/// </summary>
internal sealed class OpenAiEndpoint : ILlmEndpoint
{
    /// <summary>The SDK needs some key; gateways that run without keys ignore it.</summary>
    private const string NoToken = "no-token";

    private readonly EndpointSettings _settings;
    private readonly OpenAIClient _client;
    private readonly OpenAIClient _readyClient;
    private readonly FailureClassifier _classifier;

    public OpenAiEndpoint(EndpointSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _classifier = new FailureClassifier(settings, clock);
        _client = CreateClient(settings, settings.Timeout);
        _readyClient = CreateClient(settings, settings.ReadyTimeout);
    }

    public string Name => _settings.Name;

    public string Kind => _settings.Kind;

    public string? DefaultModel => _settings.DefaultModel;

    public bool IsLocal => _settings.IsLocal;

    public IChatClient CreateClient(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new EndpointChatClient(_client.GetChatClient(model).AsIChatClient(), model);
    }

    public Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken) => ListAsync(_client, cancellationToken);

    public async Task<EndpointReadiness> CheckReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var models = await ListAsync(_readyClient, cancellationToken).ConfigureAwait(false);
            return new EndpointReadiness(true, $"{Name} at {_settings.DisplayUrl} lists {models.Count} models.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = ex is OperationCanceledException or TimeoutException
                ? new LlmFailure(LlmFailureKind.Timeout, $"{Name} did not list its models within {_settings.ReadyTimeout.TotalSeconds:0.#} s: is it overloaded?")
                : Classify(ex);
            return new EndpointReadiness(false, failure.Message);
        }
    }

    public LlmFailure Classify(Exception exception) => _classifier.Classify(exception);

    /// <summary>The API root: a bare host (LiteLLM's <c>http://host:4000</c>) gets <c>/v1</c>; a URL with a path is used as given.</summary>
    internal static Uri ApiRoot(Uri url) =>
        url.AbsolutePath is "" or "/" ? new Uri(url, "/v1") : url;

    private static async Task<IReadOnlyList<string>> ListAsync(OpenAIClient client, CancellationToken cancellationToken)
    {
        var models = await client.GetOpenAIModelClient().GetModelsAsync(cancellationToken).ConfigureAwait(false);
        return [.. models.Value.Select(m => m.Id).Order(StringComparer.Ordinal)];
    }

    private static OpenAIClient CreateClient(EndpointSettings settings, TimeSpan networkTimeout)
    {
        var options = new OpenAIClientOptions
        {
            Endpoint = ApiRoot(settings.Url!),
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = networkTimeout,
        };
        options.AddPolicy(new LiteLlmPolicy(), PipelinePosition.PerCall);
        return new OpenAIClient(new ApiKeyCredential(settings.Token ?? NoToken), options);
    }
}
