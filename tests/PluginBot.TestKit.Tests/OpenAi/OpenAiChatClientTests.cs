using System.Text.Json;
using Microsoft.Extensions.AI;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests.OpenAi;

/// <summary>The fake driven through Microsoft.Extensions.AI's adapter of the OpenAI SDK, as the product uses it.</summary>
public sealed class OpenAiChatClientTests
{
    [Fact]
    public async Task Streamed_text_reassembles_and_the_request_asks_for_usage()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("The quick brown fox jumps", chunks: 5) with { ChunkDelay = TimeSpan.FromMilliseconds(5) });
        using var client = OpenAiClients.Chat(fake).AsIChatClient();

        var updates = await client.GetStreamingResponseAsync("Say something").ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal("The quick brown fox jumps", response.Text);
        Assert.True(updates.Count(update => update.Text.Length > 0) >= 5);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.True(fake.LastCall.Stream());
        Assert.True(fake.LastCall.IncludeUsage);
    }

    [Fact]
    public async Task Streamed_usage_arrives_with_cached_and_reasoning_tokens()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("ok", chunks: 2) with { Usage = new FakeUsage(100, 40, CachedInputTokens: 64, ReasoningTokens: 16) });
        using var client = OpenAiClients.Chat(fake).AsIChatClient();

        var response = await client.GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.NotNull(response.Usage);
        Assert.Equal(100, response.Usage.InputTokenCount);
        Assert.Equal(40, response.Usage.OutputTokenCount);
        Assert.Equal(140, response.Usage.TotalTokenCount);
        Assert.Equal(64, response.Usage.CachedInputTokenCount);
        Assert.Equal(16, response.Usage.ReasoningTokenCount);
    }

    [Fact]
    public async Task Streamed_tool_call_arguments_reassemble_into_one_function_call()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call_abc123", "get_weather", """{"city":"Paris","unit":"celsius"}""", ArgumentChunks: 5)));
        using var client = OpenAiClients.Chat(fake).AsIChatClient();
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city, string unit) => "sunny", "get_weather")] };

        var response = await client.GetStreamingResponseAsync("Weather in Paris?", options).ToChatResponseAsync();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_abc123", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Paris", Assert.IsType<JsonElement>(call.Arguments!["city"]).GetString());
        Assert.Equal("celsius", Assert.IsType<JsonElement>(call.Arguments["unit"]).GetString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        var tool = Assert.Single(fake.LastCall.Tools!.Value.EnumerateArray());
        Assert.Equal("get_weather", tool.GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Two_tool_calls_in_one_turn_stream_by_index_and_reassemble_in_order()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        var turn = FakeReply.WithToolCalls(
            new FakeToolCall("call_1", "lookup", """{"topic":"tides"}""", ArgumentChunks: 4),
            new FakeToolCall("call_2", "fetch", """{"url":"https://example.org/"}""", ArgumentChunks: 2));
        fake.Enqueue(turn with { Text = "Let me look." });
        using var client = OpenAiClients.Chat(fake).AsIChatClient();

        var response = await client.GetStreamingResponseAsync("Tides?").ToChatResponseAsync();

        var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
        Assert.Equal([("call_1", "lookup"), ("call_2", "fetch")], calls.Select(c => (c.CallId, c.Name)));
        Assert.Equal("tides", Assert.IsType<JsonElement>(calls[0].Arguments!["topic"]).GetString());
        Assert.Equal("https://example.org/", Assert.IsType<JsonElement>(calls[1].Arguments!["url"]).GetString());
        Assert.Equal("Let me look.", response.Text);
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
    }

    [Fact]
    public async Task A_stream_cut_mid_answer_throws_after_the_first_pieces()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("abcdefghij", chunks: 10) with { CutAfterFrames = 4 });
        using var client = OpenAiClients.Chat(fake).AsIChatClient();
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("hi"))
            {
                received.Add(update.Text);
            }
        });

        // Frames 1-3 carry "abc"; a client slowed down by a busy machine may lose some to the reset, never more.
        var text = string.Concat(received);
        Assert.StartsWith(text, "abc", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MalformedFrame.NonJsonData)]
    [InlineData(MalformedFrame.GarbageBytes)]
    public async Task A_malformed_stream_frame_throws_a_JSON_error(MalformedFrame kind)
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("never seen", chunks: 3) with { Malformed = kind });
        using var client = OpenAiClients.Chat(fake).AsIChatClient();

        await Assert.ThrowsAnyAsync<JsonException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());
    }

    [Fact]
    public async Task A_hanging_request_ends_when_the_client_cancels()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.Hanging());
        using var client = OpenAiClients.Chat(fake).AsIChatClient();
        using var cancel = new CancellationTokenSource();

        var pending = client.GetResponseAsync("hi", cancellationToken: cancel.Token);
        await Eventually.UntilAsync(() => fake.Calls.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        Assert.Equal(fake.DefaultReply.Text, (await client.GetResponseAsync("the next call is answered")).Text);
    }
}
