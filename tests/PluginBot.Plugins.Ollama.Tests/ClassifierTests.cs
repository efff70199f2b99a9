using System.Net;
using OllamaSharp.Models.Exceptions;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Ollama.Tests;

/// <summary>Answers the fake server does not produce, read straight from the exceptions the client would see.</summary>
public sealed class ClassifierTests
{
    private static readonly Uri Url = new("http://127.0.0.1:11434");

    private readonly OllamaFailureClassifier _classifier = new(new OllamaSettings(Url, null, null, TimeSpan.FromSeconds(600)));

    [Fact]
    public void A_model_without_tool_support_is_a_bad_request_that_says_to_pick_another_model()
    {
        var failure = _classifier.Classify(new OllamaResponseException(HttpStatusCode.BadRequest, "registry.ollama.ai/library/gemma:2b does not support tools", Url, "gemma:2b"));

        Assert.Equal(LlmFailureKind.BadRequest, failure.Kind);
        Assert.Contains("'gemma:2b'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("supports tool calls", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_named_in_Ollama_404_wins_over_the_model_of_the_call()
    {
        var failure = _classifier.Classify(new OllamaResponseException(HttpStatusCode.NotFound, "model 'qwen2.5:7b' not found", Url, "alias"));

        Assert.Equal(LlmFailureKind.ModelNotFound, failure.Kind);
        Assert.Contains("run `ollama pull qwen2.5:7b` on the Ollama host", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_404_page_from_something_else_than_Ollama_is_an_invalid_response()
    {
        var failure = _classifier.Classify(new OllamaResponseException(HttpStatusCode.NotFound, "404 page not found", Url, "llama3.2"));

        Assert.Equal(LlmFailureKind.InvalidResponse, failure.Kind);
        Assert.Contains("OLLAMA_URL", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_line_inside_a_stream_is_a_server_error()
    {
        var failure = _classifier.Classify(new ResponseError("an error was encountered while running the model"));

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Contains("an error was encountered while running the model", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, LlmFailureKind.Authentication)]
    [InlineData(HttpStatusCode.Forbidden, LlmFailureKind.Authentication)]
    [InlineData(HttpStatusCode.TooManyRequests, LlmFailureKind.RateLimited)]
    [InlineData(HttpStatusCode.BadGateway, LlmFailureKind.ServerError)]
    [InlineData(HttpStatusCode.GatewayTimeout, LlmFailureKind.Timeout)]
    public void Statuses_from_a_proxy_in_front_of_Ollama_map_to_their_kind(HttpStatusCode status, LlmFailureKind kind)
    {
        var failure = _classifier.Classify(new OllamaResponseException(status, "proxy says no", Url, "llama3.2"));

        Assert.Equal(kind, failure.Kind);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void Anything_else_is_unknown_and_still_names_the_url()
    {
        var failure = _classifier.Classify(new InvalidOperationException("boom"));

        Assert.Equal(LlmFailureKind.Unknown, failure.Kind);
        Assert.Contains(Url.ToString(), failure.Message, StringComparison.Ordinal);
    }
}
