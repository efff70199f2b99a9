using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>
/// Duplicate ids are checked on discovery alone: a host started on such a folder currently fails in
/// MigrationRunner, which indexes the catalog by id.
/// </summary>
public sealed class DuplicatePluginIdTests : IDisposable
{
    private readonly PluginsFolder _folder = new PluginsFolder()
        .AddPlugin("BareDll", asFolder: "Bare")
        .AddPlugin("BareDll", asFolder: "BareAgain");

    [Fact]
    public void Second_plugin_with_the_same_id_is_rejected_naming_the_first_location()
    {
        var found = new PluginDiscovery(NullLogger.Instance).Discover(_folder.Root);

        Assert.Equal(2, found.Count);
        Assert.All(found, p => Assert.Equal("bare", p.Manifest.Id));
        var first = Assert.Single(found, p => p.Location == _folder.PathOf("Bare"));
        var second = Assert.Single(found, p => p.Location == _folder.PathOf("BareAgain"));
        Assert.Equal(PluginStatus.Active, first.Status);
        Assert.Equal(PluginStatus.Malfunctioned, second.Status);
        Assert.Equal($"duplicate plugin id 'bare': {first.Location} already uses it; remove one of the two.", second.Reason);
    }

    public void Dispose() => _folder.Dispose();
}
