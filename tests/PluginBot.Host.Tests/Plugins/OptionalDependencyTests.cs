using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Plugins;

[Collection(LoaderScenariosCollection.Name)]
public sealed class OptionalDependencyTests(LoaderScenariosFixture host)
{
    [Fact]
    public void A_plugin_is_told_which_of_its_optional_dependencies_are_active()
    {
        Assert.Equal(PluginStatus.Active, host.Plugin("optional-on-good").Status);
        var seen = host.Services.GetRequiredService(host.PluginType("optional-on-good", "PluginBot.TestPlugins.OptionalOnGood.SeenAtRegistration"));
        Assert.StartsWith("SeenAtRegistration { Good = True, NotInstalled = False", seen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plugin_registers_after_its_active_optional_dependency()
    {
        Assert.True(host.Plugin("good").RegistrationOrder < host.Plugin("optional-on-good").RegistrationOrder);
    }

    [Fact]
    public async Task The_plugins_endpoint_lists_required_and_optional_dependencies()
    {
        using var client = host.CreateClient(host.AdminToken);
        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative)));
        var optional = body.RootElement.EnumerateArray().Single(p => p.GetProperty("id").GetString() == "optional-on-good");

        Assert.Equal(["good", "not-installed"], optional.GetProperty("optionalDependencies").EnumerateArray().Select(d => d.GetString()));
        Assert.Empty(optional.GetProperty("dependencies").EnumerateArray());
    }

    [Fact]
    public async Task The_plugins_command_shows_required_and_optional_dependencies()
    {
        var reply = await host.Services.GetRequiredService<ICommandDispatcher>()
            .DispatchAsync("/plugins", new CommandContext(HostFixture.Admin, new ConversationReference("test", "1")));

        var lines = reply.Text.Split('\n');
        Assert.Contains("optional-on-good 1.0.0 — Active (optional: good, not-installed)", lines);
        Assert.Contains(lines, l => l.StartsWith("depends-on-good 1.0.0 — Active (requires: good)", StringComparison.Ordinal));
    }
}
