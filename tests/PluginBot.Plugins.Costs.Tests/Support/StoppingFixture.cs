using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Support;

/// <summary>
/// <see cref="CostsFixture"/> with everything that can stop an answer: the chat plugin answering on a transport with
/// live replies and a stop button, the tasks plugin, and an endpoint per protocol, each on its fake and priced as
/// gpt-test is: <c>gateway</c> (OpenAI SSE), <c>claude</c> (Anthropic's API, model claude-test) and <c>ollama</c>
/// (NDJSON, model llama-test, one call at a time).
/// </summary>
public sealed class StoppingFixture : CostsFixture
{
    public const string AnthropicKey = "sk-ant-stopping-123";

    public FakeAnthropicServer Anthropic { get; } = new() { ApiKey = AnthropicKey };

    public FakeOllamaServer Ollama { get; } = new() { Models = ["llama-test"] };

    public LiveTransport Live { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Plugins:Chat:Enabled"] = "true",
        ["Plugins:LlmGateway:Endpoints:claude:Kind"] = "anthropic",
        ["Plugins:LlmGateway:Endpoints:claude:Url"] = Anthropic.BaseAddress.ToString(),
        ["Plugins:LlmGateway:Endpoints:claude:Token"] = AnthropicKey,
        ["Plugins:Ollama:Url"] = Ollama.BaseAddress.ToString(),
        ["Plugins:Costs:Prices:2:Model"] = "claude:claude-test",
        ["Plugins:Costs:Prices:2:InputPerMillion"] = "1000",
        ["Plugins:Costs:Prices:2:OutputPerMillion"] = "2000",
        ["Plugins:Costs:Prices:3:Model"] = "ollama:llama-test",
        ["Plugins:Costs:Prices:3:InputPerMillion"] = "1000",
        ["Plugins:Costs:Prices:3:OutputPerMillion"] = "2000",
        ["Models:Endpoints:ollama:MaxConcurrency"] = "1",
    };

    public override async Task InitializeAsync()
    {
        await Anthropic.StartAsync();
        await Ollama.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Anthropic.DisposeAsync();
        await Ollama.DisposeAsync();
    }

    /// <summary>Clears the fakes' scripts and calls for the next test.</summary>
    public void ResetFakes()
    {
        Gateway.Reset();
        Anthropic.Reset();
        Ollama.Reset();
    }

    /// <summary>A chat on the live transport that no other test uses.</summary>
    public static ConversationReference NewChat() => new(LiveTransport.TransportName, $"chat-{Guid.NewGuid():N}");

    /// <summary>Text or a command from <paramref name="actor"/> in <paramref name="chat"/>, as the transport hands it over.</summary>
    public Task<Reply> SayAsync(string text, ConversationReference chat, Actor actor)
    {
        var dispatcher = Services.GetRequiredService<ICommandDispatcher>();
        var context = new CommandContext(actor, chat);
        return text.StartsWith('/') ? dispatcher.DispatchAsync(text, context) : dispatcher.HandleTextAsync(text, context);
    }

    /// <summary>A streamed call through the router that gives every update it receives to <paramref name="received"/>.</summary>
    public async Task StreamAsync(string model, Action<ChatResponseUpdate> received, CancellationToken cancellationToken, string prompt = "Tell me a story")
    {
        await using var scope = CreateScope(User);
        var resolved = await scope.ServiceProvider.GetRequiredService<IModelRouter>().ResolveAsync(model, new LlmCallContext { Actor = User, Purpose = "test" }, cancellationToken: cancellationToken);
        await foreach (var update in resolved.Client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, prompt)], cancellationToken: cancellationToken))
        {
            received(update);
        }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.AddSingleton<IMessengerTransport>(Live);
    }
}

[CollectionDefinition(Name)]
public sealed class StoppingCollection : ICollectionFixture<StoppingFixture>
{
    public const string Name = "costs-stopping";
}

/// <summary>
/// Tests against <see cref="StoppingFixture"/>: a fresh database and fresh fakes for each test. The clock is not
/// swapped: the tasks plugin's loops keep timers on it, and a timer on a swapped-out clock never fires.
/// </summary>
[Collection(StoppingCollection.Name)]
public abstract class StoppingTest(StoppingFixture fixture) : HostTest<StoppingFixture>(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host.Transport.Calls.Clear();
        Host.ResetFakes();
    }
}
