using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.TestKit.Fakes;

namespace PluginBot.TestKit;

/// <summary>
/// The real host with the plugins from the plugins folder and the llm-gateway plugin pointed at a fake
/// OpenAI-compatible server (started before the host, stopped after it), Telegram off. Subclasses add their settings
/// with <see cref="Settings"/> (variants with <see cref="Extra"/>) and their transport with <see cref="ConfigureServices"/>.
/// </summary>
public abstract class GatewayHostFixture(string gatewayToken, params string[] models) : HostFixture
{
    public FakeOpenAiServer Gateway { get; } = new() { ApiKey = gatewayToken, Models = models };

    /// <summary>The fixture's own settings, applied over the gateway's.</summary>
    protected abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>A variant fixture's settings, applied over <see cref="Settings"/>.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Extra { get; } = new Dictionary<string, string?>();

    protected sealed override IReadOnlyDictionary<string, string?> Configuration
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Plugins:LlmGateway:Url"] = new Uri(Gateway.BaseAddress, "/v1").ToString(),
                ["Plugins:LlmGateway:Token"] = gatewayToken,
                ["Plugins:LlmGateway:DefaultModel"] = models[0],
                ["Plugins:Telegram:Enabled"] = "false",
                ["Models:Provider"] = "gateway",
            };
            foreach (var (key, value) in Settings.Concat(Extra))
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        await Gateway.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Gateway.DisposeAsync();
    }

    /// <summary>The private chat a test actor's commands come from, on the recording transport.</summary>
    public static ConversationReference ChatOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(RecordingTransport.TransportName, actor.Id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A command line through the dispatcher, as a transport would send it.</summary>
    public Task<Reply> CommandAsync(string line, Actor actor) =>
        Services.GetRequiredService<ICommandDispatcher>().DispatchAsync(line, new CommandContext(actor, ChatOf(actor)));

    /// <summary>A button press through the dispatcher.</summary>
    public Task<Reply> PressAsync(string token, Actor actor) =>
        Services.GetRequiredService<ICommandDispatcher>().PressAsync(token, new CommandContext(actor, ChatOf(actor)));
}
