using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models.Chat;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Ollama;

/// <summary>
/// The model endpoint <c>ollama</c>: a local Ollama server. Calls cost nothing unless the Costs plugin prices
/// them, so the endpoint reports itself as local.
/// </summary>
internal sealed class OllamaEndpoint : ILlmEndpoint, IDisposable
{
    public const string EndpointName = "ollama";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(5);

    private readonly OllamaSettings _settings;
    private readonly HttpClient _http;
    private readonly OllamaApiClient _api;
    private readonly OllamaFailureClassifier _classifier;

    public OllamaEndpoint(OllamaSettings settings)
    {
        _settings = settings;
        var transport = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(new OllamaErrorHandler(settings.Address, transport)) { BaseAddress = settings.Address, Timeout = settings.Timeout };
        if (settings.BasicCredentials is { } credentials)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }

        _api = new OllamaApiClient(_http, settings.DefaultModel ?? "");
        _classifier = new OllamaFailureClassifier(settings);
    }

    public string Name => EndpointName;

    public string Kind => "ollama";

    public string? DefaultModel => _settings.DefaultModel;

    public bool IsLocal => true;

    public IChatClient CreateClient(string model)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        IChatClient library = new OllamaApiClient(_http, model);
        return new ChatClientBuilder(library)
            .ConfigureOptions(options => ApplyKeepAlive(options, _settings.KeepAlive))
            .Use(inner => new OllamaModelClient(inner, model, _settings.Timeout))
            .Build();
    }

    public async Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken)
    {
        var models = await _api.ListLocalModelsAsync(cancellationToken).ConfigureAwait(false);
        return [.. models.Select(m => m.Name).Order(StringComparer.Ordinal)];
    }

    public async Task<EndpointReadiness> CheckReadyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            var answer = await _http.GetFromJsonAsync<VersionAnswer>("api/version", timeout.Token).ConfigureAwait(false);
            return new EndpointReadiness(true, $"Ollama {answer?.Version ?? "(version unknown)"} answers at {_settings.DisplayUrl}");
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new EndpointReadiness(false, $"Ollama at {_settings.DisplayUrl} did not answer /api/version within {ReadyTimeout.TotalSeconds:0} s ({exception.GetType().Name}).");
        }
        catch (Exception exception) when (exception is HttpRequestException or System.Text.Json.JsonException)
        {
            return new EndpointReadiness(false, Classify(exception).Message);
        }
    }

    public LlmFailure Classify(Exception exception) => _classifier.Classify(exception);

    public void Dispose()
    {
        _api.Dispose();
        _http.Dispose();
    }

    /// <summary>
    /// Hands the client library a request that already carries keep_alive; the library fills in the rest.
    /// A request the caller prepared itself keeps its own keep_alive.
    /// </summary>
    private static void ApplyKeepAlive(ChatOptions options, string? keepAlive)
    {
        if (keepAlive is null)
        {
            return;
        }

        var callerFactory = options.RawRepresentationFactory;
        options.RawRepresentationFactory = client =>
        {
            var request = callerFactory?.Invoke(client) as ChatRequest ?? new ChatRequest();
            request.KeepAlive ??= keepAlive;
            return request;
        };
    }

    private sealed record VersionAnswer([property: JsonPropertyName("version")] string? Version);
}
