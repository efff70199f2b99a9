using System.Text.Json;

namespace PluginBot.Plugins.Ollama;

/// <summary>
/// Turns Ollama's error answers into <see cref="OllamaResponseException"/> with the text of its
/// <c>{"error": "..."}</c> body, which the client library would otherwise drop for most status codes.
/// </summary>
internal sealed class OllamaErrorHandler(Uri endpoint, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private const int MaxErrorLength = 300;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new OllamaResponseException(response.StatusCode, ReadError(body), endpoint);
        }
    }

    internal static string ReadError(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String)
            {
                return error.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
            // Not Ollama's error shape: fall back to the body itself.
        }

        var text = body.Trim();
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "…";
    }
}
