using System.ClientModel;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests.OpenAi;

public sealed class OpenAiSdkTests
{
    [Fact]
    public async Task Non_streamed_completion_carries_text_usage_and_the_LiteLLM_cost_header()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("Paris.") with { Usage = new FakeUsage(30, 4, CachedInputTokens: 16, ReasoningTokens: 2), Cost = 0.00042m });

        var result = await OpenAiClients.Chat(fake).CompleteChatAsync([new UserChatMessage("Capital of France?")]);

        Assert.Equal("Paris.", result.Value.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, result.Value.FinishReason);
        Assert.Equal(30, result.Value.Usage.InputTokenCount);
        Assert.Equal(4, result.Value.Usage.OutputTokenCount);
        Assert.Equal(16, result.Value.Usage.InputTokenDetails.CachedTokenCount);
        Assert.Equal(2, result.Value.Usage.OutputTokenDetails.ReasoningTokenCount);
        Assert.True(result.GetRawResponse().Headers.TryGetValue("x-litellm-response-cost", out var cost));
        Assert.Equal("0.00042", cost);
    }

    [Fact]
    public async Task Rate_limit_surfaces_as_ClientResultException_with_a_readable_Retry_After()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(OpenAiErrors.RateLimit(retryAfterSeconds: 7)));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClients.Chat(fake).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(429, error.Status);
        var response = error.GetRawResponse()!;
        Assert.True(response.Headers.TryGetValue("Retry-After", out var retryAfter));
        Assert.Equal("7", retryAfter);
        using var body = JsonDocument.Parse(response.Content.ToString());
        Assert.Equal("rate_limit_exceeded", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Single(fake.Calls);
    }

    [Fact]
    public async Task A_wrong_bearer_token_gets_401_invalid_api_key_and_the_right_one_passes()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.ApiKey = "sk-right";

        var error = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClients.Chat(fake, "sk-wrong").CompleteChatAsync([new UserChatMessage("hi")]));
        var ok = await OpenAiClients.Chat(fake, "sk-right").CompleteChatAsync([new UserChatMessage("hi")]);

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_api_key", error.GetRawResponse()!.Content.ToString(), StringComparison.Ordinal);
        Assert.Equal(fake.DefaultReply.Text, ok.Value.Content[0].Text);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Scripted_http_errors_reach_the_client_with_their_status(int status)
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithError(status switch
        {
            404 => OpenAiErrors.ModelNotFound("gpt-9"),
            500 => OpenAiErrors.ServerError(),
            _ => OpenAiErrors.Overloaded(),
        }));

        var error = await Assert.ThrowsAsync<ClientResultException>(() => OpenAiClients.Chat(fake).CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(status, error.Status);
    }

    [Fact]
    public async Task Streamed_text_arrives_in_the_scripted_number_of_pieces()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Enqueue(FakeReply.WithText("one two three four", chunks: 4));

        var pieces = new List<string>();
        await foreach (var update in OpenAiClients.Chat(fake).CompleteChatStreamingAsync([new UserChatMessage("count")]))
        {
            pieces.AddRange(update.ContentUpdate.Select(part => part.Text).Where(text => text.Length > 0));
        }

        Assert.Equal(4, pieces.Count);
        Assert.Equal("one two three four", string.Concat(pieces));
    }

    [Fact]
    public async Task Models_are_listed()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        fake.Models = ["gpt-4o-mini", "claude-sonnet-via-gateway"];
        var client = new OpenAIClient(new ApiKeyCredential("sk-test"), OpenAiClients.Options(fake));

        var models = await client.GetOpenAIModelClient().GetModelsAsync();

        Assert.Equal(["gpt-4o-mini", "claude-sonnet-via-gateway"], models.Value.Select(model => model.Id));
        Assert.Equal("organization-owner", models.Value[0].OwnedBy);
    }

    [Fact]
    public async Task The_request_body_and_gateway_headers_are_recorded()
    {
        await using var fake = await OpenAiClients.StartFakeAsync();
        var client = OpenAiClients.Chat(fake, "sk-test", new HeaderPolicy("x-litellm-tags", "task-42,project-x"));

        await client.CompleteChatAsync(
            [new SystemChatMessage("Be brief."), new UserChatMessage("hi")],
            new ChatCompletionOptions { MaxOutputTokenCount = 50 });

        var call = fake.LastCall;
        Assert.Equal(OpenAiClients.Model, call.Model);
        Assert.Equal(50, call.MaxCompletionTokens);
        Assert.Null(call.MaxTokens);
        Assert.False(call.Stream());
        Assert.Equal(["system", "user"], call.Messages.EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("task-42,project-x", call.Header("x-litellm-tags"));
        Assert.Equal("Bearer sk-test", call.Header("Authorization"));
    }
}
