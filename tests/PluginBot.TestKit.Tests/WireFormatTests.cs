using System.Net;
using System.Text;
using System.Text.Json;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests;

/// <summary>What the fakes put on the wire, read with a plain HttpClient: the parts the SDKs hide.</summary>
public sealed class WireFormatTests
{
    [Fact]
    public async Task OpenAI_stream_ends_with_an_empty_choices_usage_chunk_and_DONE()
    {
        await using var fake = new FakeOpenAiServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.WithText("hello", chunks: 2));

        var (response, body) = await PostAsync(fake, "/v1/chat/completions",
            """{"model":"m","messages":[{"role":"user","content":"hi"}],"stream":true,"stream_options":{"include_usage":true}}""");

        var data = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(frame => frame["data: ".Length..]).ToList();
        Assert.StartsWith("text/event-stream", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Equal("[DONE]", data[^1]);
        using var usage = JsonDocument.Parse(data[^2]);
        Assert.Equal(0, usage.RootElement.GetProperty("choices").GetArrayLength());
        Assert.Equal(19, usage.RootElement.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        using var first = JsonDocument.Parse(data[0]);
        Assert.Equal("chat.completion.chunk", first.RootElement.GetProperty("object").GetString());
        Assert.Equal("assistant", first.RootElement.GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
    }

    [Fact]
    public async Task OpenAI_rejects_a_body_that_is_not_JSON_with_400()
    {
        await using var fake = new FakeOpenAiServer();
        await fake.StartAsync();

        var (response, body) = await PostAsync(fake, "/v1/chat/completions", "not json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(body);
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Anthropic_stream_sends_the_documented_event_sequence()
    {
        await using var fake = new FakeAnthropicServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.WithText("hey", chunks: 2));

        var (_, body) = await PostAsync(fake, "/v1/messages",
            """{"model":"claude","max_tokens":10,"stream":true,"messages":[{"role":"user","content":"hi"}]}""",
            ("anthropic-version", "2023-06-01"));

        var events = body.Split('\n').Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Select(line => line[7..]);
        Assert.Equal(
            ["message_start", "content_block_start", "ping", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events);
    }

    [Fact]
    public async Task Anthropic_requires_the_version_header()
    {
        await using var fake = new FakeAnthropicServer();
        await fake.StartAsync();

        var (response, body) = await PostAsync(fake, "/v1/messages", """{"model":"claude","max_tokens":10,"messages":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.Contains("request-id"));
        using var error = JsonDocument.Parse(body);
        Assert.Equal("error", error.RootElement.GetProperty("type").GetString());
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task Anthropic_rate_limit_carries_retry_after()
    {
        await using var fake = new FakeAnthropicServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.RateLimit(retryAfterSeconds: 12)));

        var (response, _) = await PostAsync(fake, "/v1/messages",
            """{"model":"claude","max_tokens":10,"messages":[]}""", ("anthropic-version", "2023-06-01"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(12), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Ollama_streams_one_JSON_object_per_line_ending_with_done_metrics()
    {
        await using var fake = new FakeOllamaServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.WithText("ab", chunks: 2) with { Usage = new FakeUsage(5, 2) });

        var (response, body) = await PostAsync(fake, "/api/chat", """{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}""");

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(3, lines.Count);
        Assert.All(lines[..2], line => Assert.False(line.GetProperty("done").GetBoolean()));
        var last = lines[^1];
        Assert.True(last.GetProperty("done").GetBoolean());
        Assert.Equal("stop", last.GetProperty("done_reason").GetString());
        Assert.Equal(5, last.GetProperty("prompt_eval_count").GetInt32());
        Assert.Equal(2, last.GetProperty("eval_count").GetInt32());
        Assert.True(last.GetProperty("total_duration").GetInt64() > 0);
        Assert.Equal("", last.GetProperty("message").GetProperty("content").GetString());
    }

    private static async Task<(HttpResponseMessage Response, string Body)> PostAsync(
        FakeServer fake, string path, string json, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        var response = await http.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }
}
