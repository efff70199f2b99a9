using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>
/// The real host with the Telegram, Chat and LlmGateway plugins loaded from plugins/, talking to a fake Bot API and a
/// fake OpenAI-compatible gateway. Flood limits on both sides are Telegram's scaled down ten times, so tests run fast
/// while the sender is still held to limits the fake enforces with 429s.
/// </summary>
public sealed class TelegramFixture : HostFixture
{
    public FakeTelegramServer Telegram { get; } = new()
    {
        Limits = new FloodLimits
        {
            PrivateChat = new RateLimit(3, TimeSpan.FromMilliseconds(300)),
            GroupChat = new RateLimit(20, TimeSpan.FromSeconds(6)),
            Global = new RateLimit(30, TimeSpan.FromMilliseconds(100)),
        },
        MaxLongPoll = TimeSpan.FromMilliseconds(500),
    };

    public FakeOpenAiServer Gateway { get; } = new() { ApiKey = "sk-gateway-e2e", Models = ["gpt-test", "gpt-big"] };

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Plugins:Telegram:BotToken"] = Telegram.Token,
        ["Plugins:Telegram:ApiUrl"] = Telegram.ApiUrl,
        ["Plugins:Telegram:PollTimeoutSeconds"] = "1",
        ["Plugins:Telegram:Limits:PrivateChatSpacingMs"] = "110",
        ["Plugins:Telegram:Limits:GroupSpacingMs"] = "330",
        ["Plugins:Telegram:Limits:GlobalSpacingMs"] = "3.7",
        ["Plugins:Telegram:Limits:DraftRefreshMs"] = "2000",
        ["Plugins:LlmGateway:Url"] = new Uri(Gateway.BaseAddress, "/v1").ToString(),
        ["Plugins:LlmGateway:Token"] = "sk-gateway-e2e",
        ["Plugins:LlmGateway:DefaultModel"] = "gpt-test",
        ["Models:Provider"] = "gateway",
        ["Models:Retry:MaxAttempts"] = "1",
    };

    public override async Task InitializeAsync()
    {
        await Telegram.StartAsync();
        await Gateway.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Telegram.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class TelegramCollection : ICollectionFixture<TelegramFixture>
{
    public const string Name = "telegram";
}
