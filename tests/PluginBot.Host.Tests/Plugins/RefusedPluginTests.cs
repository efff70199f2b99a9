using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

[Collection(LoaderScenariosCollection.Name)]
public sealed class RefusedPluginTests(LoaderScenariosFixture host)
{
    [Fact]
    public void Plugin_that_throws_while_registering_is_malfunctioned_with_the_exception_message()
    {
        var plugin = host.Plugin("throws-on-register");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Contains("InvalidOperationException: the widget registry could not be opened", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugin_that_throws_while_registering_leaves_none_of_its_services_behind()
    {
        var halfRegistered = host.PluginType("throws-on-register", "PluginBot.TestPlugins.ThrowsOnRegister.HalfRegistered");
        var query = host.PluginType("throws-on-register", "PluginBot.TestPlugins.ThrowsOnRegister.Widget+Query");
        var isService = host.Services.GetRequiredService<IServiceProviderIsService>();

        Assert.False(isService.IsService(halfRegistered));
        Assert.False(isService.IsService(typeof(IRequestHandler<,>).MakeGenericType(query, typeof(string))));
    }

    [Fact]
    public void Plugin_missing_a_required_setting_is_not_configured_naming_the_setting()
    {
        var plugin = host.Plugin("not-configured");
        Assert.Equal(PluginStatus.NotConfigured, plugin.Status);
        Assert.Contains("Plugins:NotConfigured:ApiKey", plugin.Reason, StringComparison.Ordinal);
        Assert.Contains("required", plugin.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Plugin_built_for_host_api_1_is_not_supported_and_told_to_rebuild_against_sdk_2()
    {
        var plugin = host.Plugin("wrong-host-api");
        Assert.Equal(PluginStatus.NotSupported, plugin.Status);
        Assert.Equal("built for host API 1.5; this host runs 2.1: rebuild it against PluginBot.Abstractions 2.x.", plugin.Reason);
    }

    [Fact]
    public void Plugin_with_a_dependency_that_is_not_installed_is_not_supported()
    {
        var plugin = host.Plugin("missing-dependency");
        Assert.Equal(PluginStatus.NotSupported, plugin.Status);
        Assert.Contains("depends on 'nope', which is not installed", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plugins_that_depend_on_each_other_are_both_not_supported()
    {
        foreach (var id in new[] { "cycle-a", "cycle-b" })
        {
            var plugin = host.Plugin(id);
            Assert.Equal(PluginStatus.NotSupported, plugin.Status);
            Assert.Contains("dependency cycle", plugin.Reason, StringComparison.Ordinal);
            Assert.Contains("cycle-a → cycle-b", plugin.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plugin_with_a_newer_abstractions_copy_is_not_supported()
    {
        var plugin = Assert.Single(host.Catalog.Plugins, p => p.Location == host.Folder.PathOf("ShipsNewerCopy"));
        Assert.Equal(PluginStatus.NotSupported, plugin.Status);
        Assert.Contains("PluginBot.Abstractions 99.0.0.0", plugin.Reason, StringComparison.Ordinal);
        Assert.Contains($"newer than the host's {typeof(IPlugin).Assembly.GetName().Version}", plugin.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_plugins_register_none_of_their_services()
    {
        var isService = host.Services.GetRequiredService<IServiceProviderIsService>();
        foreach (var (id, marker) in new[]
                 {
                     ("wrong-host-api", "PluginBot.TestPlugins.WrongHostApi.WrongHostApiMarker"),
                     ("missing-dependency", "PluginBot.TestPlugins.MissingDependency.MissingDependencyMarker"),
                     ("cycle-a", "PluginBot.TestPlugins.CycleA.CycleAMarker"),
                     ("cycle-b", "PluginBot.TestPlugins.CycleB.CycleBMarker"),
                 })
        {
            Assert.False(isService.IsService(host.PluginType(id, marker)), $"{id} registered {marker}");
        }
    }
}
