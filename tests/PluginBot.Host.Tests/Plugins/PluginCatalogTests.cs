using System.Net;
using System.Text.Json;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

[Collection(LoaderScenariosCollection.Name)]
public sealed class PluginCatalogTests(LoaderScenariosFixture host)
{
    [Fact]
    public async Task Plugins_endpoint_lists_every_plugin_with_its_status_reason_and_warnings()
    {
        using var client = host.CreateClient(host.AdminToken);
        var response = await client.GetAsync(new Uri("/api/plugins", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var listed = body.RootElement.EnumerateArray().ToList();
        Assert.Equal(host.Catalog.Plugins.Count, listed.Count);

        var byId = listed.GroupBy(p => p.GetProperty("id").GetString()!).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal("Active", byId["good"].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, byId["good"].GetProperty("reason").ValueKind);
        Assert.Equal("Malfunctioned", byId["throws-on-register"].GetProperty("status").GetString());
        Assert.Contains("the widget registry could not be opened", byId["throws-on-register"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("NotConfigured", byId["not-configured"].GetProperty("status").GetString());
        Assert.Equal("NotSupported", byId["cycle-a"].GetProperty("status").GetString());
        Assert.Equal("cycle-b", Assert.Single(byId["cycle-a"].GetProperty("dependencies").EnumerateArray()).GetString());
        Assert.Contains("ignored its own copies", Assert.Single(byId["ships-own-copies"].GetProperty("warnings").EnumerateArray()).GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_table_renders_a_header_and_one_row_per_plugin()
    {
        var lines = host.Catalog.ToTable().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(host.Catalog.Plugins.Count + 1, lines.Count);
        Assert.Matches("^ID +VERSION +STATUS +DETAIL$", lines[0]);
        foreach (var (plugin, row) in host.Catalog.Plugins.Zip(lines.Skip(1)))
        {
            Assert.StartsWith(plugin.Manifest.Id + " ", row, StringComparison.Ordinal);
            Assert.Contains($" {plugin.Status} ", row, StringComparison.Ordinal);
        }

        var throwing = lines.Single(l => l.StartsWith("throws-on-register ", StringComparison.Ordinal));
        Assert.Contains("the widget registry could not be opened", throwing, StringComparison.Ordinal);
        var copies = lines.Single(l => l.StartsWith("ships-own-copies ", StringComparison.Ordinal));
        Assert.Contains("(warning: ignored its own copies", copies, StringComparison.Ordinal);
    }
}
