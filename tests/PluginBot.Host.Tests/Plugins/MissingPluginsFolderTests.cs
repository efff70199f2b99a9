using System.Net;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>A host pointed at a plugins folder that was never created.</summary>
public sealed class MissingPluginsFolderFixture : PluginScenarioFixture
{
    protected override void Arrange(PluginsFolder folder)
    {
        // Nothing is added, so the folder does not exist.
    }
}

public sealed class MissingPluginsFolderTests(MissingPluginsFolderFixture host) : IClassFixture<MissingPluginsFolderFixture>
{
    [Fact]
    public async Task Host_starts_ready_with_an_empty_catalog_when_the_plugins_folder_is_missing()
    {
        Assert.False(Directory.Exists(host.Folder.Root));
        Assert.Empty(host.Catalog.Plugins);
        Assert.Equal("No plugins found.", host.Catalog.ToTable());

        using var client = host.CreateClient(host.AdminToken);
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The model router is a plugin too: with none, the kernel's own check is all there is to be ready for.
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(["database"], body.RootElement.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public void Missing_plugins_folder_is_logged_as_a_warning()
    {
        var line = Assert.Single(host.LoaderLog);
        Assert.StartsWith("Warning", line, StringComparison.Ordinal);
        Assert.Contains($"Plugins folder {host.Folder.Root} does not exist", line, StringComparison.Ordinal);
    }
}
