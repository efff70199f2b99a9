using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Models.Tests.Support;

/// <summary>The real host with every plugin from the plugins folder, the Models plugin disabled, and a gateway configured.</summary>
public sealed class NoModelsFixture : HostFixture
{
    public FakeOpenAiServer Gateway { get; } = new() { ApiKey = "sk-no-models-1" };

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Plugins:Models:Enabled"] = "false",
        ["Plugins:LlmGateway:Url"] = new Uri(Gateway.BaseAddress, "/v1").ToString(),
        ["Plugins:LlmGateway:Token"] = "sk-no-models-1",
        ["Plugins:LlmGateway:DefaultModel"] = "gpt-test",
        ["Plugins:Models:Provider"] = "gateway",
    };

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
}
