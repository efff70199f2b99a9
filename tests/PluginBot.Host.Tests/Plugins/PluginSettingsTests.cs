using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>A second host whose configuration conflicts with the first: the required setting is supplied and <c>good</c> is disabled.</summary>
public sealed class PluginSettingsFixture : PluginScenarioFixture
{
    public const string ApiKey = "k-123456";

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Plugins:NotConfigured:ApiKey"] = ApiKey,
        ["Plugins:Good:Enabled"] = "False",
    };

    protected override void Arrange(PluginsFolder folder) => folder
        .AddPlugin("NotConfigured")
        .AddPlugin("Good")
        .AddPlugin("DependsOnGood")
        .AddPlugin("OptionalOnGood");
}

public sealed class PluginSettingsTests(PluginSettingsFixture host) : IClassFixture<PluginSettingsFixture>
{
    [Fact]
    public async Task Plugin_is_active_once_its_required_setting_is_supplied()
    {
        var plugin = host.Plugin("not-configured");
        Assert.Equal(PluginStatus.Active, plugin.Status);
        Assert.Null(plugin.Reason);
        var reply = await host.SendAsync(host.PluginRequest("not-configured", "PluginBot.TestPlugins.NotConfigured.KeyLength+Query"), HostFixture.Admin);
        Assert.Equal($"key length {PluginSettingsFixture.ApiKey.Length}", reply);
    }

    [Fact]
    public async Task Plugin_disabled_in_configuration_is_disabled_and_serves_nothing()
    {
        var good = host.Plugin("good");
        Assert.Equal(PluginStatus.Disabled, good.Status);
        Assert.Contains("Plugins:Good:Enabled=false", good.Reason, StringComparison.Ordinal);

        using var client = host.CreateClient(host.AdminToken);
        var response = await client.GetAsync(new Uri("/api/good/ping?text=hello", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void Plugin_depending_on_a_disabled_plugin_is_not_supported()
    {
        var dependent = host.Plugin("depends-on-good");
        Assert.Equal(PluginStatus.NotSupported, dependent.Status);
        Assert.Contains("depends on 'good', which is Disabled", dependent.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugin_with_a_disabled_optional_dependency_is_active_and_told_it_is_not()
    {
        Assert.Equal(PluginStatus.Active, host.Plugin("optional-on-good").Status);
        var seen = host.Services.GetRequiredService(host.PluginType("optional-on-good", "PluginBot.TestPlugins.OptionalOnGood.SeenAtRegistration"));
        Assert.StartsWith("SeenAtRegistration { Good = False, NotInstalled = False", seen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_stays_ready_with_disabled_and_rejected_plugins()
    {
        using var client = host.CreateClient();
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
