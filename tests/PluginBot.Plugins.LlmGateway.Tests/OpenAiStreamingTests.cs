using Microsoft.Extensions.AI;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class OpenAiStreamingTests
{
    [Fact]
    public async Task A_streamed_answer_arrives_in_pieces_with_its_usage_including_cached_and_reasoning_tokens()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithText("The quick brown fox jumps", chunks: 5) with { Usage = new FakeUsage(100, 40, CachedInputTokens: 64, ReasoningTokens: 16) });
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        var updates = await client.GetStreamingResponseAsync("hi").ToListAsync();
        var response = updates.ToChatResponse();

        Assert.Equal("The quick brown fox jumps", response.Text);
        Assert.True(updates.Count(u => u.Text.Length > 0) >= 5);
        Assert.NotNull(response.Usage);
        Assert.Equal(100, response.Usage.InputTokenCount);
        Assert.Equal(40, response.Usage.OutputTokenCount);
        Assert.Equal(64, response.Usage.CachedInputTokenCount);
        Assert.Equal(16, response.Usage.ReasoningTokenCount);
        Assert.Equal(Endpoints.Model, fake.LastCall.Model);
        Assert.True(fake.LastCall.IncludeUsage);
    }

    [Fact]
    public async Task A_bare_gateway_url_is_served_under_v1_and_sends_the_token_as_bearer()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        var response = await client.GetResponseAsync("hi");

        Assert.Equal(fake.DefaultReply.Text, response.Text);
        Assert.Equal("/v1/chat/completions", fake.LastCall.Path);
        Assert.Equal($"Bearer {Endpoints.Token}", fake.LastCall.Header("Authorization"));
    }

    [Fact]
    public async Task A_rate_limited_call_is_not_retried_by_the_sdk()
    {
        await using var fake = await Endpoints.StartOpenAiAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.RateLimit(0)), FakeReply.WithText("second"));
        var client = Endpoints.OpenAi(fake.BaseAddress).CreateClient(Endpoints.Model);

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetResponseAsync("hi"));

        Assert.Single(fake.Calls);
    }
}
