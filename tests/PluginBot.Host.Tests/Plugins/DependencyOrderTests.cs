using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Tests.Plugins;

public sealed class DependencyOrderTests
{
    private static PluginRecord Plugin(string id, string[]? requires = null, string[]? optional = null) =>
        new(new PluginManifest(id, "P" + id.Replace("-", "", StringComparison.Ordinal), "1.0.0", HostApiVersion.Current, requires ?? [], id + ".dll", "")
        {
            OptionalDependencies = optional ?? [],
        }, "/plugins/" + id)
        {
            Assembly = typeof(DependencyOrderTests).Assembly,
        };

    [Fact]
    public void A_plugin_loads_after_its_optional_dependency_when_that_is_installed()
    {
        var order = DependencyOrder.Sort([Plugin("alpha", optional: ["beta"]), Plugin("beta")]);

        Assert.Equal(["beta", "alpha"], order.Select(p => p.Manifest.Id));
    }

    [Fact]
    public void The_order_is_the_same_whatever_order_the_plugins_were_found_in()
    {
        var first = DependencyOrder.Sort([Plugin("c", ["a"]), Plugin("b", optional: ["c"]), Plugin("a"), Plugin("d")]);
        var second = DependencyOrder.Sort([Plugin("d"), Plugin("a"), Plugin("b", optional: ["c"]), Plugin("c", ["a"])]);

        Assert.Equal(["a", "c", "b", "d"], first.Select(p => p.Manifest.Id));
        Assert.Equal(first.Select(p => p.Manifest.Id), second.Select(p => p.Manifest.Id));
    }

    [Fact]
    public void A_missing_optional_dependency_leaves_the_plugin_active()
    {
        var plugin = Plugin("alpha", optional: ["nowhere"]);
        var all = new[] { plugin };

        DependencyOrder.Sort(all);
        DependencyOrder.CheckDependencies(plugin, all);

        Assert.Equal(PluginStatus.Active, plugin.Status);
        Assert.Empty(DependencyOrder.ActiveOptional(plugin, all));
    }

    [Fact]
    public void Only_active_optional_dependencies_are_reported_as_active()
    {
        var beta = Plugin("beta");
        var gamma = Plugin("gamma");
        gamma.Fail(PluginStatus.NotConfigured, "no key");
        var alpha = Plugin("alpha", optional: ["beta", "gamma"]);

        Assert.Equal(["beta"], DependencyOrder.ActiveOptional(alpha, [alpha, beta, gamma]));
    }

    [Fact]
    public void A_cycle_through_an_optional_dependency_is_refused_too()
    {
        var alpha = Plugin("alpha", optional: ["beta"]);
        var beta = Plugin("beta", ["alpha"]);

        DependencyOrder.Sort([alpha, beta]);

        Assert.All([alpha, beta], p => Assert.Equal(PluginStatus.NotSupported, p.Status));
        Assert.Contains("dependency cycle alpha → beta → alpha", alpha.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_dependency_makes_the_plugin_not_supported()
    {
        var plugin = Plugin("alpha", ["nowhere"]);

        DependencyOrder.CheckDependencies(plugin, [plugin]);

        Assert.Equal(PluginStatus.NotSupported, plugin.Status);
        Assert.Equal("depends on 'nowhere', which is not installed: add it to the plugins folder.", plugin.Reason);
    }
}
