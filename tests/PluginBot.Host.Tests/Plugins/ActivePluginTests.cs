using System.Net;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Plugins;

[Collection(LoaderScenariosCollection.Name)]
public sealed class ActivePluginTests(LoaderScenariosFixture host)
{
    [Fact]
    public void Good_plugin_is_active_with_the_manifest_from_its_plugin_json()
    {
        var good = host.Plugin("good");
        Assert.Equal(PluginStatus.Active, good.Status);
        Assert.Null(good.Reason);
        Assert.Empty(good.Warnings);
        Assert.Equal("Good", good.Manifest.Name);
        Assert.Equal("1.2.3", good.Manifest.Version);
        Assert.Equal("Exercises every plugin extension point.", good.Manifest.Description);
    }

    [Fact]
    public async Task Good_plugin_endpoint_answers_through_its_behaviour_and_handler()
    {
        using var client = host.CreateClient(host.AdminToken);
        var response = await client.GetAsync(new Uri("/api/good/ping?text=hello", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("pong hello (traced)", body.RootElement.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task Good_plugin_validator_rejects_an_overlong_text_by_field()
    {
        using var client = host.CreateClient(host.AdminToken);
        var response = await client.GetAsync(new Uri($"/api/good/ping?text={new string('x', 21)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty("Text", out _), body.RootElement.ToString());
    }

    [Fact]
    public async Task Good_plugin_event_handler_records_each_ping()
    {
        var text = $"evt{Guid.NewGuid():N}"[..12];
        Assert.Equal($"pong {text} (traced)", await host.SendAsync(host.PluginRequest("good", "PluginBot.TestPlugins.Good.Ping+Query", text), HostFixture.Admin));

        using var client = host.CreateClient(host.AdminToken);
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/good/pings", UriKind.Relative)));
        Assert.Contains(text, body.RootElement.GetProperty("pings").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Good_plugin_health_check_is_part_of_readiness_under_its_id()
    {
        using var client = host.CreateClient(host.AdminToken);
        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var check = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "good:pings");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.EndsWith("pings recorded", check.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugin_depending_on_an_active_plugin_is_active_and_serves_requests()
    {
        var dependent = host.Plugin("depends-on-good");
        Assert.Equal(PluginStatus.Active, dependent.Status);
        Assert.Equal("good", Assert.Single(dependent.Manifest.Dependencies));
        Assert.Equal("builds on good", await host.SendAsync(host.PluginRequest("depends-on-good", "PluginBot.TestPlugins.DependsOnGood.Dependency+Query"), HostFixture.Admin));
    }

    [Fact]
    public void Single_dll_with_a_manifest_attribute_is_active()
    {
        var bare = host.Plugin("bare");
        Assert.Equal(PluginStatus.Active, bare.Status);
        Assert.Equal(host.Folder.PathOf(LoaderScenariosFixture.BareDll), bare.Location);
        Assert.Equal("Bare", bare.Manifest.Name);
        Assert.Equal("0.3.0", bare.Manifest.Version);
        Assert.Equal(["good"], bare.Manifest.OptionalDependencies);
        Assert.Equal("Colour", Assert.Contains("BARE_COLOUR", bare.Manifest.Environment));
        Assert.NotNull(host.Services.GetService(host.PluginType("bare", "PluginBot.TestPlugins.BareDll.BareMarker")));
    }

    [Fact]
    public void Plugin_shipping_its_own_contract_copies_is_active_with_a_warning_that_they_were_ignored()
    {
        var plugin = host.Plugin("ships-own-copies");
        Assert.Equal(PluginStatus.Active, plugin.Status);
        var warning = Assert.Single(plugin.Warnings);
        Assert.Contains("ignored its own copies", warning, StringComparison.Ordinal);
        Assert.Contains("MediatR", warning, StringComparison.Ordinal);
        Assert.Contains("PluginBot.Abstractions", warning, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(plugin.Location, "MediatR.dll")), "the copy this test is about is missing from the folder");
        Assert.True(File.Exists(Path.Combine(plugin.Location, "PluginBot.Abstractions.dll")), "the copy this test is about is missing from the folder");
    }

    [Fact]
    public async Task Plugin_shipping_its_own_contract_copies_shares_the_host_types_and_handles_requests()
    {
        var queryType = host.PluginType("ships-own-copies", "PluginBot.TestPlugins.ShipsOwnCopies.Echo+Query");
        Assert.True(typeof(IRequest<string>).IsAssignableFrom(queryType), "the plugin's request does not implement the host's IRequest<string>");

        Assert.Equal("echo shared", await host.SendAsync(host.PluginRequest("ships-own-copies", queryType.FullName!, "shared"), HostFixture.Admin));
    }
}
