using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Claude through the official Anthropic SDK and its <c>IChatClient</c> adapter, with the SDK's retries off.
/// Models are listed by Anthropic's models API (<c>GET /v1/models</c>).
/// </summary>
internal sealed class AnthropicEndpoint : ILlmEndpoint, IDisposable
{
    private readonly EndpointSettings _settings;
    private readonly AnthropicClient _client;
    private readonly AnthropicClient _readyClient;
    private readonly FailureClassifier _classifier;

    public AnthropicEndpoint(EndpointSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _classifier = new FailureClassifier(settings, clock);
        _client = CreateClient(settings, settings.Timeout, clock);
        _readyClient = CreateClient(settings, settings.ReadyTimeout, clock);
    }

    public string Name => _settings.Name;

    public string Kind => _settings.Kind;

    public string? DefaultModel => _settings.DefaultModel;

    public bool IsLocal => _settings.IsLocal;

    public IChatClient CreateClient(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new EndpointChatClient(_client.AsIChatClient(model), model);
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

    public void Dispose()
    {
        _client.Dispose();
        _readyClient.Dispose();
    }

    private static async Task<IReadOnlyList<string>> ListAsync(AnthropicClient client, CancellationToken cancellationToken)
    {
        var models = new List<string>();
        var page = await client.Models.List(cancellationToken: cancellationToken).ConfigureAwait(false);
        while (true)
        {
            models.AddRange(page.Items.Select(m => m.ID));
            if (!page.HasNext())
            {
                return [.. models.Order(StringComparer.Ordinal)];
            }

            page = await page.Next(cancellationToken).ConfigureAwait(false);
        }
    }

    private static AnthropicClient CreateClient(EndpointSettings settings, TimeSpan timeout, TimeProvider clock)
    {
        var options = new ClientOptions
        {
            ApiKey = settings.Token,
            MaxRetries = 0,
            Timeout = timeout,
            Handlers = [new RetryAfterHandler(clock)],
        };
        if (settings.Url is { } url)
        {
            options.BaseUrl = url.ToString().TrimEnd('/');
        }

        return new AnthropicClient(options);
    }
}
