using System.Diagnostics;
using Microsoft.Extensions.AI;
using OllamaSharp;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests;

public sealed class HangingRequestTests
{
    [Fact]
    public async Task A_hanging_Ollama_chat_ends_when_the_client_cancels()
    {
        await using var fake = new FakeOllamaServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.Hanging());
        using var ollama = new OllamaApiClient(fake.BaseAddress, "llama3.2");
        IChatClient client = ollama;
        using var cancel = new CancellationTokenSource();

        var pending = client.GetStreamingResponseAsync("hi", cancellationToken: cancel.Token).ToListAsync().AsTask();
        await Eventually.UntilAsync(() => fake.Calls.Count == 1);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task Stopping_a_fake_releases_a_request_still_hanging()
    {
        var fake = new FakeAnthropicServer();
        await fake.StartAsync();
        fake.Enqueue(FakeReply.Hanging());
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        using var content = new StringContent("""{"model":"claude","max_tokens":10,"messages":[]}""");
        content.Headers.Add("anthropic-version", "2023-06-01");
        var pending = http.PostAsync(new Uri("/v1/messages", UriKind.Relative), content);
        await Eventually.UntilAsync(() => fake.Calls.Count == 1);
        var watch = Stopwatch.StartNew();

        await fake.DisposeAsync();

        // Well under the 30 s a host waits for requests to finish when it stops: the fake did not wait for this one.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"stopping took {watch.Elapsed}");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
    }
}
