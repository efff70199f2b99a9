using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OllamaSharp.Models.Exceptions;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Ollama;

/// <summary>Reads what the Ollama client and HTTP stack throw into one provider-neutral sentence.</summary>
internal sealed partial class OllamaFailureClassifier(OllamaSettings settings)
{
    private string UrlName => $"Ollama at {settings.DisplayUrl}";

    public LlmFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);

        if (Find<OllamaResponseException>(exception) is { } response)
        {
            return FromStatus(response.StatusCode ?? HttpStatusCode.InternalServerError, response.Error, response.Model);
        }

        if (Find<HttpRequestException>(exception) is { StatusCode: { } status } statusFailure)
        {
            return FromStatus(status, statusFailure.Message, model: null);
        }

        if (Find<ModelDoesNotSupportToolsException>(exception) is { } noTools)
        {
            return NoTools(noTools.Message, model: null);
        }

        if (Find<ResponseError>(exception) is { } streamError)
        {
            return ModelInError(streamError.Message) is { } missing
                ? NotPulled(missing)
                : new(LlmFailureKind.ServerError, $"{UrlName} failed while answering: {streamError.Message}");
        }

        if (Find<TimeoutException>(exception) is not null)
        {
            return new(LlmFailureKind.Timeout, $"{UrlName} did not answer within {settings.Timeout.TotalSeconds:0} s: the model may still be loading or the host is overloaded (Plugins:Ollama:TimeoutSeconds).");
        }

        if (IsConnectionFailure(exception))
        {
            return new(LlmFailureKind.Connection, $"cannot reach Ollama at {settings.DisplayUrl}: is `ollama serve` running? (OLLAMA_URL)");
        }

        if (Find<JsonException>(exception) is not null || Find<DecoderFallbackException>(exception) is not null
            || Find<HttpRequestException>(exception) is { HttpRequestError: HttpRequestError.InvalidResponse })
        {
            return new(LlmFailureKind.InvalidResponse, $"{UrlName} answered something that is not Ollama's NDJSON protocol: check that OLLAMA_URL points at Ollama.");
        }

        if (Find<IOException>(exception) is not null || Find<SocketException>(exception) is not null)
        {
            return new(LlmFailureKind.InvalidResponse, $"{UrlName} cut the answer short: the connection broke mid-answer (check that OLLAMA_URL points at Ollama and that it did not restart).");
        }

        if (Find<OllamaException>(exception) is { } refused)
        {
            return new(LlmFailureKind.BadRequest, $"{UrlName} refused the request: {refused.Message}");
        }

        return new(LlmFailureKind.Unknown, $"The call to {UrlName} failed: {exception.Message}");
    }

    private LlmFailure FromStatus(HttpStatusCode status, string error, string? model)
    {
        var code = (int)status;
        switch (code)
        {
            case 404 when (ModelInError(error) ?? model) is { } missing && !LooksLikeMissingRoute(error):
                return NotPulled(missing);
            case 404:
                return new(LlmFailureKind.InvalidResponse, $"{UrlName} answered 404 ({error}): check that OLLAMA_URL points at Ollama itself, without a path.");
            case 400 when error.Contains("does not support tools", StringComparison.OrdinalIgnoreCase):
                return NoTools(error, model);
            case 400 or 413 or 422:
                return new(LlmFailureKind.BadRequest, $"{UrlName} refused the request{ForModel(model)}: {error}");
            case 401 or 403:
                return new(LlmFailureKind.Authentication, $"{UrlName} refused access ({code}): check the credentials of the proxy in front of it.");
            case 408 or 504:
                return new(LlmFailureKind.Timeout, $"{UrlName} timed out ({code}){ForModel(model)}: {error}");
            case 429:
                return new(LlmFailureKind.RateLimited, $"{UrlName} is busy (429){ForModel(model)}: {error}");
            case >= 500:
                return new(LlmFailureKind.ServerError, $"{UrlName} failed with {code}{ForModel(model)}: {error}");
            default:
                return new(LlmFailureKind.Unknown, $"{UrlName} answered {code}{ForModel(model)}: {error}");
        }
    }

    private static LlmFailure NotPulled(string model) =>
        new(LlmFailureKind.ModelNotFound, $"Ollama has no model '{model}': run `ollama pull {model}` on the Ollama host.");

    private LlmFailure NoTools(string error, string? model) =>
        new(LlmFailureKind.BadRequest, $"{UrlName} cannot give tools to {(model is null ? "this model" : $"'{model}'")} ({error}): pick a model that supports tool calls.");

    private static string ForModel(string? model) => model is null ? "" : $" for '{model}'";

    private static string? ModelInError(string error)
    {
        var match = ModelNotFound().Match(error);
        return match.Success ? match.Groups["model"].Value : null;
    }

    private static bool LooksLikeMissingRoute(string error) =>
        error.Contains("page not found", StringComparison.OrdinalIgnoreCase) || error.Length == 0;

    /// <summary>The request never got an answer; a socket error while reading an answer is a cut stream instead.</summary>
    private static bool IsConnectionFailure(Exception exception) =>
        Find<HttpRequestException>(exception) is { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.ProxyTunnelError };

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    [GeneratedRegex("""model ["'](?<model>[^"']+)["'] not found""", RegexOptions.IgnoreCase)]
    private static partial Regex ModelNotFound();
}
