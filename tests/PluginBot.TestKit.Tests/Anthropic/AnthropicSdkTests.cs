using System.Net;
using System.Text.Json;
using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests.Anthropic;

/// <summary>The Anthropic fake driven by the official Anthropic SDK, directly and through its M.E.AI adapter.</summary>
public sealed class AnthropicSdkTests
{
    private const string Model = "claude-sonnet-4-5";
    private const string Key = "sk-ant-test";

    [Fact]
    public async Task Streamed_text_and_usage_arrive_through_the_chat_client_adapter()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("Bonjour tout le monde", chunks: 4) with
        {
            Usage = new FakeUsage(25, 15, CachedInputTokens: 10, CacheCreationInputTokens: 5),
        });
        using var client = Client(fake).AsIChatClient(Model, 256);

        var updates = await client.GetStreamingResponseAsync("Say hello in French").ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal("Bonjour tout le monde", response.Text);
        Assert.True(updates.Count(update => update.Text.Length > 0) >= 4);
        Assert.NotNull(response.Usage);
        Assert.Equal(15, response.Usage.OutputTokenCount);
        Assert.Equal(10, response.Usage.CachedInputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(256, fake.LastCall.MaxTokens);
        Assert.True(fake.LastCall.Stream());
    }

    [Fact]
    public async Task A_non_streamed_message_carries_text_stop_reason_and_usage()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("Hi there.") with { Usage = new FakeUsage(12, 3, CachedInputTokens: 8, CacheCreationInputTokens: 4) });

        var message = await Client(fake).Messages.Create(new MessageCreateParams
        {
            Model = Model,
            MaxTokens = 100,
            Messages = [new UserMessageParam { Content = "hi" }],
        });

        Assert.Equal("Hi there.", string.Concat(message.Content.Select(block => block.TryPickText(out var text) ? text.Text : "")));
        Assert.Equal(StopReason.EndTurn, message.StopReason?.Value());
        Assert.Equal(12, message.Usage.InputTokens);
        Assert.Equal(3, message.Usage.OutputTokens);
        Assert.Equal(8, message.Usage.CacheReadInputTokens);
        Assert.Equal(4, message.Usage.CacheCreationInputTokens);
        Assert.Equal($"Bearer {Key}", fake.LastCall.Header("Authorization"));
        Assert.False(string.IsNullOrEmpty(fake.LastCall.Header("anthropic-version")));
    }

    [Fact]
    public async Task Rate_limit_surfaces_as_the_SDKs_rate_limit_exception()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.RateLimit(retryAfterSeconds: 30)));
        using var client = Client(fake).AsIChatClient(Model, 256);

        var error = await Assert.ThrowsAsync<AnthropicRateLimitException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Contains("rate_limit_error", error.Body.ToString(), StringComparison.Ordinal);
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task The_SDK_waits_for_retry_after_before_retrying_a_rate_limited_call()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.RateLimit(retryAfterSeconds: 1)));
        var client = new AnthropicClient { ApiKey = Key, BaseUrl = Client(fake).BaseUrl, MaxRetries = 1 };
        var started = TimeProvider.System.GetTimestamp();

        var response = await client.AsIChatClient(Model, 256).GetResponseAsync("hi");

        Assert.Equal(fake.DefaultReply.Text, response.Text);
        Assert.Equal(2, fake.Calls.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(900));
    }

    [Fact]
    public async Task Overload_surfaces_with_status_529()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(AnthropicErrors.Overloaded()));

        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => Client(fake).AsIChatClient(Model, 256).GetResponseAsync("hi"));

        Assert.Equal(529, (int)error.StatusCode);
    }

    [Fact]
    public async Task A_wrong_api_key_gets_401_authentication_error()
    {
        await using var fake = await StartFakeAsync();
        fake.ApiKey = "sk-ant-right";

        var error = await Assert.ThrowsAsync<AnthropicUnauthorizedException>(() => Client(fake).AsIChatClient(Model, 256).GetResponseAsync("hi"));
        Assert.Empty(fake.Calls);
        var right = new AnthropicClient { ApiKey = "sk-ant-right", BaseUrl = Client(fake).BaseUrl, MaxRetries = 0 };
        var response = await right.AsIChatClient(Model, 256).GetResponseAsync("hi");

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("authentication_error", error.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(fake.DefaultReply.Text, response.Text);
    }

    [Fact]
    public async Task A_stream_cut_mid_answer_throws()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("abcdef", chunks: 6) with { CutAfterFrames = 5 });
        using var client = Client(fake).AsIChatClient(Model, 256);

        await Assert.ThrowsAnyAsync<IOException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());
    }

    [Fact]
    public async Task A_malformed_stream_event_throws_the_SDKs_invalid_data_error()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("never seen", chunks: 3) with { Malformed = MalformedFrame.NonJsonData });
        using var client = Client(fake).AsIChatClient(Model, 256);

        var error = await Assert.ThrowsAsync<AnthropicInvalidDataException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());

        Assert.IsType<JsonException>(error.InnerException);
    }

    [Fact]
    public async Task Streamed_tool_input_reassembles_into_one_function_call()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("toolu_01A", "get_weather", """{"city":"Rome"}""", ArgumentChunks: 4)));
        using var client = Client(fake).AsIChatClient(Model, 256);
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "warm", "get_weather")] };

        var response = await client.GetStreamingResponseAsync("Weather in Rome?", options).ToChatResponseAsync();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("toolu_01A", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Rome", call.Arguments!["city"]?.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    private static async Task<FakeAnthropicServer> StartFakeAsync()
    {
        var fake = new FakeAnthropicServer();
        await fake.StartAsync();
        return fake;
    }

    private static AnthropicClient Client(FakeAnthropicServer fake) =>
        new() { ApiKey = Key, BaseUrl = fake.BaseAddress.ToString().TrimEnd('/'), MaxRetries = 0 };
}
