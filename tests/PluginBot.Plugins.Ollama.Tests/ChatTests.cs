using System.Text.Json;
using Microsoft.Extensions.AI;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Ollama.Tests;

public sealed class ChatTests
{
    private const string Model = "llama3.2:latest";

    [Fact]
    public async Task Streamed_text_arrives_in_pieces_and_ends_with_the_usage_Ollama_counted()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(new FakeReply { Text = "The sky is blue because of Rayleigh scattering.", Chunks = 4, Usage = new FakeUsage(31, 9) });
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = harness.Endpoint.CreateClient(Model);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Why is the sky blue?"))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 4);
        Assert.Equal("The sky is blue because of Rayleigh scattering.", response.Text);
        Assert.Single(updates.SelectMany(u => u.Contents).OfType<UsageContent>());
        Assert.Equal(31, response.Usage?.InputTokenCount);
        Assert.Equal(9, response.Usage?.OutputTokenCount);
        Assert.Equal(Model, fake.LastCall.Model);
        Assert.True(fake.LastCall.Stream(whenAbsent: true));
    }

    [Fact]
    public async Task A_whole_answer_reports_prompt_and_eval_counts_as_usage()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(new FakeReply { Text = "Four.", Usage = new FakeUsage(20, 2) });
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = harness.Endpoint.CreateClient(Model);

        var response = await client.GetResponseAsync("What is two plus two?");

        Assert.Equal("Four.", response.Text);
        Assert.Equal(20, response.Usage?.InputTokenCount);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Keep_alive_from_the_settings_is_sent_on_every_chat_request()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        using var harness = OllamaHarness.Start(fake.BaseAddress, ("KeepAlive", "15m"));
        using var client = harness.Endpoint.CreateClient(Model);

        await client.GetResponseAsync("Hi");
        await foreach (var update in client.GetStreamingResponseAsync("Hi again", new ChatOptions { Temperature = 0.2f }))
        {
            Assert.NotNull(update);
        }

        Assert.Equal(2, fake.Calls.Count);
        Assert.All(fake.Calls, call => Assert.Equal("15m", call.Text("keep_alive")));
        Assert.Equal(0.2, fake.LastCall.Property("options")?.GetProperty("temperature").GetDouble() ?? 0, 3);
    }

    [Fact]
    public async Task Without_keep_alive_in_the_settings_the_request_leaves_it_to_Ollama()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = harness.Endpoint.CreateClient(Model);

        await client.GetResponseAsync("Hi");

        Assert.Null(fake.LastCall.Text("keep_alive"));
    }

    [Fact]
    public async Task A_tool_call_goes_out_to_the_function_and_its_result_comes_back_to_the_model()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call_1", "get_weather", """{"city":"Paris"}""")),
            FakeReply.WithText("It is sunny in Paris."));
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = new ChatClientBuilder(harness.Endpoint.CreateClient(Model)).UseFunctionInvocation().Build();
        var weather = AIFunctionFactory.Create((string city) => $"sunny in {city}", "get_weather", "Current weather of a city");

        var response = await client.GetResponseAsync("Weather in Paris?", new ChatOptions { Tools = [weather] });

        Assert.Equal("It is sunny in Paris.", response.Text);
        var calls = fake.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("get_weather", calls[0].Tools?[0].GetProperty("function").GetProperty("name").GetString());
        var toolMessage = calls[1].Messages.EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Contains("sunny in Paris", toolMessage.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_streamed_tool_call_arrives_as_a_function_call_with_its_arguments()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call_1", "get_weather", """{"city":"Oslo"}""")));
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = harness.Endpoint.CreateClient(Model);
        var weather = AIFunctionFactory.Create((string city) => city, "get_weather");

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync("Weather in Oslo?", new ChatOptions { Tools = [weather] }))
        {
            updates.Add(update);
        }

        var call = Assert.Single(updates.SelectMany(u => u.Contents).OfType<FunctionCallContent>());
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Oslo", JsonSerializer.Serialize(call.Arguments?["city"]).Trim('"'));
    }
}
