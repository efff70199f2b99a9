using System.Net;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>Two folders holding plugins with the same id.</summary>
public sealed class DuplicatePluginIdFixture : PluginScenarioFixture
{
    protected override void Arrange(PluginsFolder folder) => folder
        .AddPlugin("BareDll", asFolder: "Bare")
        .AddPlugin("BareDll", asFolder: "BareAgain");
}

public sealed class DuplicatePluginIdTests(DuplicatePluginIdFixture host) : IClassFixture<DuplicatePluginIdFixture>
{
    [Fact]
    public async Task Second_plugin_with_the_same_id_is_rejected_naming_the_first_location_and_the_host_runs()
    {
        var found = host.Catalog.Plugins;
        Assert.Equal(2, found.Count);
        var first = Assert.Single(found, p => p.Location == host.Folder.PathOf("Bare"));
        var second = Assert.Single(found, p => p.Location == host.Folder.PathOf("BareAgain"));
        Assert.Equal(PluginBot.Host.Plugins.PluginStatus.Active, first.Status);
        Assert.Equal(PluginBot.Host.Plugins.PluginStatus.Malfunctioned, second.Status);
        Assert.Equal($"duplicate plugin id 'bare': {first.Location} already uses it; remove one of the two.", second.Reason);
        Assert.Same(first, host.Catalog.Find("bare"));

        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }
}
