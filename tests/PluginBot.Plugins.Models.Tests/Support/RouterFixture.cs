using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Models.Tests.Support;

/// <summary>
/// The real host with the real LlmGateway plugin from the plugins folder, pointed at two fake OpenAI-compatible
/// servers: <c>gateway</c> (the provider) and <c>backup</c> (a fallback, one call at a time), and a
/// <see cref="BrokenEndpoint"/> named <c>broken</c>. Retries wait milliseconds, not seconds.
/// </summary>
public class RouterFixture : HostFixture
{
    /// <summary>
    /// Generous: on a cold or loaded machine a real answer's first token can take over a second, and a time-out would
    /// retry it behind the test's back. Only the time-out tests, whose provider never answers, use a short one.
    /// </summary>
    protected virtual string FirstTokenTimeoutSeconds => "30";

    public const string GatewayToken = "sk-gateway-secret-123";

    public FakeOpenAiServer Gateway { get; } = new() { ApiKey = GatewayToken };

    public FakeOpenAiServer Backup { get; } = new();

    public UsageEvents Usage { get; } = new();

    public ScriptedBudgetGate Gate { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Plugins:LlmGateway:Url"] = new Uri(Gateway.BaseAddress, "/v1").ToString(),
        ["Plugins:LlmGateway:Token"] = GatewayToken,
        ["Plugins:LlmGateway:DefaultModel"] = "gpt-test",
        ["Plugins:LlmGateway:Endpoints:backup:Url"] = new Uri(Backup.BaseAddress, "/v1").ToString(),
        ["Plugins:LlmGateway:Endpoints:backup:RequireToken"] = "false",
        ["Plugins:Models:Provider"] = "gateway",
        ["Plugins:Models:Aliases:smart"] = "gateway:smart-model",
        ["Plugins:Models:Aliases:spare"] = "backup:spare-model",
        ["Plugins:Models:Fallbacks:smart:0"] = "spare",
        ["Plugins:Models:Retry:BaseDelayMs"] = "5",
        ["Plugins:Models:Retry:MaxDelayMs"] = "20",
        ["Plugins:Models:FirstTokenTimeoutSeconds"] = FirstTokenTimeoutSeconds,
        ["Plugins:Models:Endpoints:backup:MaxConcurrency"] = "1",
        // Where the key lived while the router was part of the host: still read.
        ["Models:Aliases:legacy"] = "gateway:legacy-model",
    };

    public override async Task InitializeAsync()
    {
        await Gateway.StartAsync();
        await Backup.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
        await Backup.DisposeAsync();
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton(Usage);
        services.AddSingleton<INotificationHandler<LlmCallCompleted>, UsageEvents.Handler>();
        services.AddSingleton<IBudgetGate>(Gate);
        services.AddSingleton<ILlmEndpoint, BrokenEndpoint>();
    }

    /// <summary>Clears the fakes' scripts, the recorded events and the gate's script between tests.</summary>
    public void Reset()
    {
        Gateway.DefaultReply = new FakeReply();
        Backup.DefaultReply = new FakeReply();
        Usage.Events.Clear();
        Gate.Decisions.Clear();
        Gate.Asked.Clear();
        Gate.Settled.Clear();
    }
}

[CollectionDefinition(Name)]
public sealed class RouterCollection : ICollectionFixture<RouterFixture>
{
    public const string Name = "router";
}

/// <summary>Every <see cref="LlmCallCompleted"/> the host published.</summary>
public sealed class UsageEvents
{
    public ConcurrentQueue<LlmCallCompleted> Events { get; } = new();

    public sealed class Handler(UsageEvents events) : INotificationHandler<LlmCallCompleted>
    {
        public Task Handle(LlmCallCompleted notification, CancellationToken cancellationToken)
        {
            events.Events.Enqueue(notification);
            return Task.CompletedTask;
        }
    }
}

/// <summary>A budget gate whose answers a test scripts; allows when nothing is scripted.</summary>
public sealed class ScriptedBudgetGate : IBudgetGate
{
    public ConcurrentQueue<BudgetDecision> Decisions { get; } = new();

    public ConcurrentQueue<BudgetRequest> Asked { get; } = new();

    public ConcurrentQueue<BudgetSettlement> Settled { get; } = new();

    public ValueTask<BudgetDecision> BeforeCallAsync(BudgetRequest request, CancellationToken cancellationToken)
    {
        Asked.Enqueue(request);
        return ValueTask.FromResult(Decisions.TryDequeue(out var decision) ? decision : new BudgetDecision.Allow());
    }

    public ValueTask AfterCallAsync(BudgetSettlement settlement, CancellationToken cancellationToken)
    {
        Settled.Enqueue(settlement);
        return ValueTask.CompletedTask;
    }
}
