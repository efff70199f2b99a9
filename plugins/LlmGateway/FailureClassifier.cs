using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using Anthropic.Exceptions;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Reads what an endpoint's SDK threw into one provider-neutral <see cref="LlmFailure"/> whose message is one
/// sentence naming the endpoint and what to do. The token is never part of it.
/// </summary>
internal sealed class FailureClassifier(EndpointSettings settings, TimeProvider clock)
{
    private const int MaxApiMessageLength = 200;

    public LlmFailure Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failure = Read(exception);
        return failure with { Message = Redact(failure.Message) };
    }

    private LlmFailure Read(Exception exception)
    {
        var name = settings.Name;
        var model = exception.Data[EndpointChatClient.ModelKey] as string;
        if (exception.Data[EndpointChatClient.CallerCancelledKey] is true)
        {
            return new(LlmFailureKind.Unknown, $"the call to {name} was cancelled by its caller.");
        }

        if (ProviderError.From(exception, clock.GetUtcNow()) is { } error)
        {
            var retryAfter = error.RetryAfter ?? exception.Data[EndpointChatClient.RetryAfterKey] as TimeSpan?;
            return FromStatus(error with { RetryAfter = retryAfter }, model);
        }

        var chain = Chain(exception).ToList();
        if (chain.Any(e => e is TimeoutException or OperationCanceledException))
        {
            return new(LlmFailureKind.Timeout,
                $"{name} did not answer within {Describe(settings.Timeout)}: try again, or raise {settings.TimeoutSetting} for long generations.");
        }

        if (chain.Any(e => e is JsonException or AnthropicSseException or AnthropicInvalidDataException or FormatException))
        {
            return new(LlmFailureKind.InvalidResponse,
                $"{name} answered something that is not its API's format: check that {settings.DisplayUrl} is {ExpectedApi()} ({settings.UrlSetting}).");
        }

        if (chain.OfType<HttpRequestException>().FirstOrDefault() is { } request
            && request.HttpRequestError is not (HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse))
        {
            return Unreachable();
        }

        if (chain.Any(e => e is IOException or HttpRequestException))
        {
            return new(LlmFailureKind.InvalidResponse, $"the answer from {name} broke off before it was complete: try again.");
        }

        if (chain.Any(e => e is SocketException or AnthropicIOException))
        {
            return Unreachable();
        }

        return new(LlmFailureKind.Unknown, $"{name} failed with {exception.GetType().Name}: {OneLine(exception.Message)}");
    }

    private LlmFailure FromStatus(ProviderError error, string? model)
    {
        var name = settings.Name;
        var detail = error.ApiMessage is { Length: > 0 } text ? $" ({OneLine(text)})" : "";
        return error.Status switch
        {
            401 => new(LlmFailureKind.Authentication, $"{name} rejected the token: check {settings.TokenSetting}."),
            403 => new(LlmFailureKind.Authentication, $"{name} refused access with this token{detail}: check {settings.TokenSetting} and its permissions."),
            404 when model is not null => ModelNotFound(model),
            404 => new(LlmFailureKind.BadRequest, $"{name} answered 404 Not Found at {settings.DisplayUrl}: check {settings.UrlSetting}."),
            400 or 422 when model is not null && LooksLikeUnknownModel(error.ApiMessage) => ModelNotFound(model),
            408 => new(LlmFailureKind.Timeout, $"{name} timed out the request (408): try again."),
            429 => new(LlmFailureKind.RateLimited,
                $"{name} is rate limiting calls (429){detail}: {(error.RetryAfter is { } wait ? $"wait {Describe(wait)}" : "wait a moment")} or use another model.",
                error.RetryAfter),
            529 => new(LlmFailureKind.ServerError, $"{name} is overloaded (529): try again shortly or use another model.", error.RetryAfter),
            >= 500 => new(LlmFailureKind.ServerError, $"{name} failed on its side ({error.Status}){detail}: try again or use another model.", error.RetryAfter),
            >= 400 and < 500 => new(LlmFailureKind.BadRequest, $"{name} refused the request ({error.Status}){detail}: check the model's limits and the request."),
            _ => new(LlmFailureKind.InvalidResponse, $"{name} answered with unexpected HTTP status {error.Status}: check {settings.UrlSetting}."),
        };
    }

    private LlmFailure ModelNotFound(string model) =>
        new(LlmFailureKind.ModelNotFound, $"model '{model}' is not available on {settings.Name}: run `pluginbot models`.");

    private LlmFailure Unreachable() =>
        new(LlmFailureKind.Connection, $"cannot reach {settings.DisplayUrl} ({settings.Name}): is the {(settings.Kind == EndpointSettings.AnthropicKind ? "network up" : "gateway running")}?");

    private string ExpectedApi() => settings.Kind == EndpointSettings.AnthropicKind ? "the Anthropic API" : "an OpenAI-compatible API";

    private static bool LooksLikeUnknownModel(string? message) =>
        message is not null
        && message.Contains("model", StringComparison.OrdinalIgnoreCase)
        && (message.Contains("not found", StringComparison.OrdinalIgnoreCase)
            || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
            || message.Contains("invalid model", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120 ? $"{Math.Ceiling(span.TotalSeconds):0} s"
        : span.TotalMinutes < 120 ? $"{Math.Ceiling(span.TotalMinutes):0} min"
        : $"{Math.Ceiling(span.TotalHours):0} h";

    private static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length <= MaxApiMessageLength ? line : line[..MaxApiMessageLength] + "…";
    }

    /// <summary>The token wherever the SDK or the API repeated it, and any credential in a URL it quoted.</summary>
    private string Redact(string message) =>
        Redaction.Text(settings.Token is { Length: > 0 } token ? message.Replace(token, Redaction.Mark, StringComparison.Ordinal) : message);
}
