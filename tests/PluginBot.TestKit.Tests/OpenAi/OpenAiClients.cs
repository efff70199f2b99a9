using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Chat;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit.Tests.OpenAi;

internal static class OpenAiClients
{
    public const string Model = "gpt-4o-mini";

    public static async Task<FakeOpenAiServer> StartFakeAsync()
    {
        var fake = new FakeOpenAiServer();
        await fake.StartAsync();
        return fake;
    }

    public static OpenAIClientOptions Options(FakeOpenAiServer fake, params PipelinePolicy[] policies)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fake.BaseAddress, "/v1"), RetryPolicy = new ClientRetryPolicy(0) };
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, PipelinePosition.PerCall);
        }

        return options;
    }

    public static ChatClient Chat(FakeOpenAiServer fake, string key = "sk-test", params PipelinePolicy[] policies) =>
        new(Model, new ApiKeyCredential(key), Options(fake, policies));
}

/// <summary>Adds a request header the way a gateway caller would (e.g. LiteLLM's <c>x-litellm-tags</c>).</summary>
internal sealed class HeaderPolicy(string name, string value) : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        message.Request.Headers.Set(name, value);
        return ProcessNextAsync(message, pipeline, currentIndex);
    }
}
