using Anthropic;
using Anthropic.Core;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Claude through the official Anthropic SDK and its <c>IChatClient</c> adapter, with the SDK's retries off.
/// Models are listed by Anthropic's models API (<c>GET /v1/models</c>).
/// </summary>
internal sealed class AnthropicEndpoint : GatewayEndpoint, IDisposable
{
    private readonly AnthropicClient _client;
    private readonly AnthropicClient _readyClient;

    public AnthropicEndpoint(EndpointSettings settings, TimeProvider clock)
        : base(settings, clock)
    {
        _client = CreateClient(settings, settings.Timeout, clock);
        _readyClient = CreateClient(settings, settings.ReadyTimeout, clock);
    }

    protected override IChatClient CreateSdkClient(string model) => _client.AsIChatClient(model);

    public void Dispose()
    {
        _client.Dispose();
        _readyClient.Dispose();
    }

    protected override async Task<IReadOnlyList<string>> ListAsync(bool forReadiness, CancellationToken cancellationToken)
    {
        var client = forReadiness ? _readyClient : _client;
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
