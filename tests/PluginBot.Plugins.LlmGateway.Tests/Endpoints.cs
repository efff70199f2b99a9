using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>Endpoints pointed at fakes, configured as the plugin would configure them.</summary>
internal static class Endpoints
{
    public const string Token = "sk-secret-test-token-4242";
    public const string Model = "gpt-4o-mini";

    public static LlmCallContext Context { get; } = new()
    {
        Actor = new Actor(7, ActorKind.User, "telegram"),
        Project = "site",
        TaskId = "42",
        Purpose = "task",
    };

    public static async Task<FakeOpenAiServer> StartOpenAiAsync()
    {
        var fake = new FakeOpenAiServer { ApiKey = Token };
        await fake.StartAsync();
        return fake;
    }

    public static OpenAiEndpoint OpenAi(Uri url, string token = Token, TimeSpan? timeout = null) =>
        new(Settings(url, EndpointSettings.OpenAiKind, token, timeout), TimeProvider.System);

    public static AnthropicEndpoint Anthropic(Uri url, string token = Token) =>
        new(Settings(url, EndpointSettings.AnthropicKind, token, null), TimeProvider.System);

    /// <summary>A URL on 127.0.0.1 where nothing listens: a port that was just free.</summary>
    public static Uri ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static EndpointSettings Settings(Uri url, string kind, string token, TimeSpan? timeout) => new()
    {
        Name = "gateway",
        Kind = kind,
        Url = url,
        Token = token,
        DefaultModel = Model,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        ReadyTimeout = TimeSpan.FromSeconds(5),
        UrlSetting = "LLM_GATEWAY_URL (Plugins:LlmGateway:Url)",
        TokenSetting = "LLM_GATEWAY_TOKEN (Plugins:LlmGateway:Token)",
        TimeoutSetting = "Plugins:LlmGateway:TimeoutSeconds",
    };
}
