using System.Net;

namespace PluginBot.Plugins.Ollama;

/// <summary>Ollama answered with an error status; carries the text of its <c>{"error": "..."}</c> body.</summary>
internal sealed class OllamaResponseException(HttpStatusCode status, string error, Uri endpoint, string? model = null)
    : HttpRequestException($"Ollama at {endpoint} answered {(int)status}: {error}", null, status)
{
    /// <summary>The error Ollama gave, or the start of the body when it was not Ollama's error shape.</summary>
    public string Error { get; } = error;

    /// <summary>The Ollama address that answered.</summary>
    public Uri Endpoint { get; } = endpoint;

    /// <summary>The model the call was for, when known.</summary>
    public string? Model { get; } = model;

    /// <summary>The same failure, naming the model the call was for.</summary>
    public OllamaResponseException ForModel(string callModel) => new(status, Error, Endpoint, callModel);
}
