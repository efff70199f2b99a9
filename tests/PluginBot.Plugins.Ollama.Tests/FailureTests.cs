using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Ollama.Tests;

public sealed class FailureTests
{
    private const string Model = "llama3.2:latest";

    [Fact]
    public async Task A_model_that_is_not_pulled_is_ModelNotFound_with_the_pull_command()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var failure = await FailureOfStreamAsync(harness, "mistral:7b");

        Assert.Equal(LlmFailureKind.ModelNotFound, failure.Kind);
        Assert.Contains("run `ollama pull mistral:7b` on the Ollama host", failure.Message, StringComparison.Ordinal);
        Assert.False(failure.IsTransient);
    }

    [Fact]
    public async Task A_model_that_is_not_pulled_is_ModelNotFound_for_a_whole_answer_too()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = harness.Endpoint.CreateClient("phi3");

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("Hi"));
        var failure = harness.Endpoint.Classify(exception);

        Assert.Equal(LlmFailureKind.ModelNotFound, failure.Kind);
        Assert.Contains("`ollama pull phi3`", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_connection_asks_whether_ollama_serve_is_running()
    {
        var closed = OllamaHarness.ClosedPort();
        using var harness = OllamaHarness.Start(closed);

        var failure = await FailureOfStreamAsync(harness, Model);

        Assert.Equal(LlmFailureKind.Connection, failure.Kind);
        Assert.Equal($"cannot reach Ollama at {closed}: is `ollama serve` running? (OLLAMA_URL)", failure.Message);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task A_500_is_a_server_error_carrying_what_Ollama_said()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(FakeReply.WithError(OllamaErrors.ServerError("llama runner process has terminated")));
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var failure = await FailureOfStreamAsync(harness, Model);

        Assert.Equal(LlmFailureKind.ServerError, failure.Kind);
        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        Assert.Contains("llama runner process has terminated", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MalformedFrame.NonJsonData)]
    [InlineData(MalformedFrame.GarbageBytes)]
    public async Task A_line_that_is_not_NDJSON_is_an_invalid_response(MalformedFrame malformed)
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(new FakeReply { Text = "partial answer", Chunks = 2, Malformed = malformed });
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var failure = await FailureOfStreamAsync(harness, Model);

        Assert.Equal(LlmFailureKind.InvalidResponse, failure.Kind);
        Assert.Contains("OLLAMA_URL", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_timeout_after_the_configured_seconds()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(FakeReply.Hanging());
        using var harness = OllamaHarness.Start(fake.BaseAddress, ("TimeoutSeconds", "1"));
        var started = TimeProvider.System.GetTimestamp();

        var failure = await FailureOfStreamAsync(harness, Model);

        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
        Assert.Contains("TimeoutSeconds", failure.Message, StringComparison.Ordinal);
        Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), Eventually.Limit);
    }

    [Fact]
    public async Task A_stream_that_falls_silent_midway_is_a_timeout_not_a_short_answer()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(new FakeReply { Text = "slow words here", Chunks = 3, ChunkDelay = TimeSpan.FromMinutes(1) });
        using var harness = OllamaHarness.Start(fake.BaseAddress, ("TimeoutSeconds", "1"));

        var failure = await FailureOfStreamAsync(harness, Model);

        Assert.Equal(LlmFailureKind.Timeout, failure.Kind);
    }

    [Fact]
    public async Task A_stream_cut_by_the_network_is_an_invalid_response()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(new FakeReply { Text = "one two three four", Chunks = 4, CutAfterFrames = 2 });
        using var harness = OllamaHarness.Start(fake.BaseAddress);

        var failure = await FailureOfStreamAsync(harness, Model);

        Assert.Equal(LlmFailureKind.InvalidResponse, failure.Kind);
    }

    [Fact]
    public async Task Cancelling_the_call_is_not_turned_into_a_failure()
    {
        await using var fake = await OllamaHarness.StartFakeAsync(Model);
        fake.Enqueue(FakeReply.Hanging());
        using var harness = OllamaHarness.Start(fake.BaseAddress);
        using var client = harness.Endpoint.CreateClient(Model);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("Hi", cancellationToken: cancel.Token))
            {
                Assert.NotNull(update);
            }
        });
    }

    private static async Task<LlmFailure> FailureOfStreamAsync(OllamaHarness harness, string model)
    {
        using var client = harness.Endpoint.CreateClient(model);
        var exception = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Hi")]))
            {
                Assert.NotNull(update);
            }
        });
        return harness.Endpoint.Classify(exception);
    }
}
