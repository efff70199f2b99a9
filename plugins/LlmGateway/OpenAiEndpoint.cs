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
internal sealed class OpenAiEndpoint : GatewayEndpoint
{
    /// <summary>The SDK needs some key; gateways that run without keys ignore it.</summary>
    private const string NoToken = "no-token";

    private readonly OpenAIClient _client;
    private readonly OpenAIClient _readyClient;

    public OpenAiEndpoint(EndpointSettings settings, TimeProvider clock)
        : base(settings, clock)
    {
        _client = CreateClient(settings, settings.Timeout);
        _readyClient = CreateClient(settings, settings.ReadyTimeout);
    }

    protected override IChatClient CreateSdkClient(string model) => _client.GetChatClient(model).AsIChatClient();

    protected override async Task<IReadOnlyList<string>> ListAsync(bool forReadiness, CancellationToken cancellationToken)
    {
        var models = await (forReadiness ? _readyClient : _client).GetOpenAIModelClient().GetModelsAsync(cancellationToken).ConfigureAwait(false);
        return [.. models.Value.Select(m => m.Id).Order(StringComparer.Ordinal)];
    }

    /// <summary>The API root: a bare host (LiteLLM's <c>http://host:4000</c>) gets <c>/v1</c>; a URL with a path is used as given.</summary>
    internal static Uri ApiRoot(Uri url) =>
        url.AbsolutePath is "" or "/" ? new Uri(url, "/v1") : url;


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
