using System.Net;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OllamaSharp.Models.Exceptions;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests.Ollama;

/// <summary>The Ollama fake driven by OllamaSharp, as an <see cref="IChatClient"/> and through its own API.</summary>
public sealed class OllamaSharpTests
{
    private const string Model = "llama3.2";

    [Fact]
    public async Task Streamed_text_reassembles_from_NDJSON_lines()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("Why is the sky blue?", chunks: 4) with { ChunkDelay = TimeSpan.FromMilliseconds(5) });
        using var ollama = Client(fake);
        IChatClient client = ollama;

        var updates = await client.GetStreamingResponseAsync("Tell me").ToListAsync();

        Assert.Equal("Why is the sky blue?", updates.ToChatResponse().Text);
        Assert.True(updates.Count(update => update.Text.Length > 0) >= 4);
        Assert.True(fake.LastCall.Stream(whenAbsent: true));
        Assert.Equal(Model, fake.LastCall.Model);
    }

    [Fact]
    public async Task Usage_maps_prompt_eval_count_to_input_and_eval_count_to_output_tokens()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("ok", chunks: 2) with { Usage = new FakeUsage(26, 259) });
        using var ollama = Client(fake);
        IChatClient client = ollama;

        var response = await client.GetStreamingResponseAsync("hi").ToChatResponseAsync();

        Assert.NotNull(response.Usage);
        Assert.Equal(26, response.Usage.InputTokenCount);
        Assert.Equal(259, response.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task A_non_streamed_chat_returns_the_whole_answer()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("All at once.") with { Usage = new FakeUsage(9, 3) });
        using var ollama = Client(fake);
        IChatClient client = ollama;

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("All at once.", response.Text);
        Assert.Equal(3, response.Usage?.OutputTokenCount);
        Assert.False(fake.LastCall.Stream(whenAbsent: true));
    }

    [Fact]
    public async Task A_scripted_tool_call_reaches_the_client_as_a_function_call()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("unused", "get_weather", """{"city":"Oslo"}""")));
        using var ollama = Client(fake);
        IChatClient client = ollama;
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create((string city) => "cold", "get_weather")] };

        var response = await client.GetStreamingResponseAsync("Weather in Oslo?", options).ToChatResponseAsync();

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Oslo", call.Arguments!["city"] is JsonElement city ? city.GetString() : call.Arguments["city"]?.ToString());
        Assert.Equal("get_weather", fake.LastCall.Tools!.Value[0].GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task An_unknown_model_fails_with_404_and_Ollamas_not_found_message()
    {
        await using var fake = await StartFakeAsync();
        using var ollama = new OllamaApiClient(fake.BaseAddress, "mistral");
        IChatClient client = ollama;
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };

        // OllamaSharp parses the error body of a 400 only; other statuses surface as HttpRequestException.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetResponseAsync("hi"));
        using var raw = await http.PostAsync(new Uri("/api/chat", UriKind.Relative), new StringContent("""{"model":"mistral","messages":[]}"""));
        using var body = JsonDocument.Parse(await raw.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, raw.StatusCode);
        Assert.Equal("model \"mistral\" not found, try pulling it first", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_scripted_server_error_fails_with_500()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(OllamaErrors.ServerError("out of memory")));
        using var ollama = Client(fake);
        IChatClient client = ollama;

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task A_model_without_tools_fails_with_OllamaSharps_dedicated_exception()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(OllamaErrors.ToolsNotSupported(Model)));
        using var ollama = Client(fake);
        IChatClient client = ollama;

        var error = await Assert.ThrowsAsync<ModelDoesNotSupportToolsException>(() => client.GetResponseAsync("hi"));

        Assert.Contains("does not support tools", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_cut_mid_answer_throws()
    {
        await using var fake = await StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("abcdef", chunks: 6) with { CutAfterFrames = 2 });
        using var ollama = Client(fake);
        IChatClient client = ollama;

        await Assert.ThrowsAnyAsync<IOException>(() => client.GetStreamingResponseAsync("hi").ToListAsync().AsTask());
    }

    [Fact]
    public async Task Local_models_and_the_version_are_listed()
    {
        await using var fake = await StartFakeAsync();
        fake.Models = ["llama3.2", "qwen2.5:7b"];
        using var ollama = Client(fake);

        var models = (await ollama.ListLocalModelsAsync()).ToList();
        var version = await ollama.GetVersionAsync();

        Assert.Equal(["llama3.2:latest", "qwen2.5:7b"], models.Select(model => model.Name));
        Assert.Equal("gguf", models[0].Details.Format);
        Assert.Equal(64, models[0].Digest.Length);
        Assert.Equal(fake.Version, version.ToString());
    }

    private static async Task<FakeOllamaServer> StartFakeAsync()
    {
        var fake = new FakeOllamaServer();
        await fake.StartAsync();
        return fake;
    }

    private static OllamaApiClient Client(FakeOllamaServer fake) => new(fake.BaseAddress, Model);
}
