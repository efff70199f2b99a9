using System.ClientModel;
using System.Text.Json;
using Anthropic.Exceptions;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>What an SDK exception says about the provider's HTTP answer: status, requested wait, error message.</summary>
internal sealed record ProviderError(int Status, TimeSpan? RetryAfter, string? ApiMessage)
{
    public static ProviderError? From(Exception exception, DateTimeOffset now) => exception switch
    {
        ClientResultException { Status: > 0 } result => FromOpenAi(result, now),
        AnthropicApiException api => new ProviderError((int)api.StatusCode, null, SafeApiMessage(api)),
        _ => null,
    };

    private static ProviderError FromOpenAi(ClientResultException exception, DateTimeOffset now)
    {
        var response = exception.GetRawResponse();
        TimeSpan? retryAfter = null;
        string? message = null;
        if (response is not null)
        {
            response.Headers.TryGetValue("retry-after-ms", out var milliseconds);
            response.Headers.TryGetValue("retry-after", out var seconds);
            retryAfter = RetryAfterHeader.Parse(milliseconds, seconds, now);
            message = ErrorMessageOf(response.Content);
        }

        return new ProviderError(exception.Status, retryAfter, message);
    }

    /// <summary>The <c>error.message</c> (or <c>message</c>) of an error body, when there is one.</summary>
    private static string? ErrorMessageOf(BinaryData? content)
    {
        try
        {
            if (content is null || content.ToMemory().IsEmpty)
            {
                return null;
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error))
            {
                root = error;
            }

            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : root.ValueKind == JsonValueKind.String ? root.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // A streamed response whose content was not buffered.
            return null;
        }
    }

    private static string? SafeApiMessage(AnthropicApiException exception)
    {
        try
        {
            return exception.ApiMessage;
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or AnthropicException)
        {
            return null;
        }
    }
}
