using System.Net;
using System.Text.Json;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

[Collection(LoaderScenariosCollection.Name)]
public sealed class BadInputTests(LoaderScenariosFixture host)
{
    [Fact]
    public void Malformed_plugin_json_is_malfunctioned_naming_the_line()
    {
        var plugin = PluginAt("Malformed");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Contains("plugin.json is not valid JSON (line 3)", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugin_json_naming_a_missing_dll_is_malfunctioned()
    {
        var plugin = PluginAt("MissingDll");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Contains("'Nowhere.dll', which is not in", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stray_text_file_is_ignored_and_logged()
    {
        var readme = host.Folder.PathOf("readme.txt");
        Assert.DoesNotContain(host.Catalog.Plugins, p => p.Location == readme);
        Assert.Contains(host.LoaderLog, line => line.Contains($"Ignoring {readme}", StringComparison.Ordinal));
    }

    [Fact]
    public void Dll_that_is_not_a_dotnet_assembly_is_malfunctioned_with_a_clear_reason()
    {
        var plugin = PluginAt("x.dll");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.StartsWith("x.dll cannot be loaded", plugin.Reason, StringComparison.Ordinal);
        Assert.Contains("not a .NET plugin assembly", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_stays_ready_next_to_every_broken_plugin()
    {
        Assert.Contains(host.Catalog.Plugins, p => p.Status == PluginStatus.Malfunctioned);
        using var client = host.CreateClient();
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["database"]);
        Assert.DoesNotContain("Unhealthy", checks.Values);
    }

    private PluginRecord PluginAt(string relativePath) =>
        Assert.Single(host.Catalog.Plugins, p => p.Location == host.Folder.PathOf(relativePath));
}
