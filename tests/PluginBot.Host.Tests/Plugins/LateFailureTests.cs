using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Plugins;

/// <summary>
/// Plugins that register fine and fail later — their migrations, their endpoints, a hosted service's start — beside a
/// good one, in one real host: each failure stops its plugin (and what requires it), never the host.
/// </summary>
public sealed class LateFailuresFixture : PluginScenarioFixture
{
    protected override void Arrange(PluginsFolder folder) => folder
        .AddPlugin("Good")
        .AddPlugin("FailsMigration")
        .AddPlugin("ThrowsOnMapEndpoints")
        .AddPlugin("FailsAtStart")
        .AddPlugin("DependsOnFailsAtStart")
        .AddPlugin("FaultsLater");

    /// <summary>Whether the plugin's marker service ever started (it writes a file in the plugin's data folder).</summary>
    public bool MarkerStarted(string id) => File.Exists(Path.Combine(DataDirectory, "plugins", id, "started"));
}

public sealed class LateFailureTests(LateFailuresFixture host) : IClassFixture<LateFailuresFixture>
{
    private static readonly ConversationReference Chat = new("test", "100");

    [Fact]
    public void A_plugin_whose_migrations_fail_is_malfunctioned_with_the_database_error()
    {
        var plugin = host.Plugin("fails-migration");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.StartsWith("its database migrations failed: ", plugin.Reason, StringComparison.Ordinal);
        Assert.Contains("syntax error", plugin.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_plugin_that_throws_while_mapping_its_endpoints_is_malfunctioned_with_the_exception()
    {
        var plugin = host.Plugin("throws-on-map");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Equal("threw while mapping its endpoints: InvalidOperationException: the route table is full", plugin.Reason);
    }

    [Fact]
    public void A_plugin_whose_hosted_service_throws_at_start_is_malfunctioned_naming_the_service()
    {
        var plugin = host.Plugin("fails-at-start");
        Assert.Equal(PluginStatus.Malfunctioned, plugin.Status);
        Assert.Equal("its hosted service ThrowingListener failed to start: InvalidOperationException: port 9 is taken", plugin.Reason);
    }

    [Fact]
    public void A_plugin_that_requires_a_plugin_which_failed_at_start_is_not_supported_and_never_starts()
    {
        var plugin = host.Plugin("depends-on-fails-at-start");
        Assert.Equal(PluginStatus.NotSupported, plugin.Status);
        Assert.Equal("depends on 'fails-at-start', which is Malfunctioned.", plugin.Reason);
        Assert.False(host.MarkerStarted("depends-on-fails-at-start"));
    }

    [Theory]
    [InlineData("fails-migration")]
    [InlineData("throws-on-map")]
    [InlineData("fails-at-start")]
    public void The_hosted_services_of_a_plugin_that_failed_before_they_started_never_run(string id)
    {
        Assert.False(host.MarkerStarted(id), $"{id}'s marker service started");
    }

    [Fact]
    public void The_good_plugin_beside_them_starts_and_runs()
    {
        Assert.Equal(PluginStatus.Active, host.Plugin("good").Status);
    }

    [Theory]
    [InlineData("/brokendb", "FailsMigration", "its database migrations failed")]
    [InlineData("/mapbroken", "ThrowsOnMapEndpoints", "threw while mapping its endpoints")]
    [InlineData("/startbroken", "FailsAtStart", "its hosted service ThrowingListener failed to start")]
    public async Task A_command_of_a_stopped_plugin_says_the_plugin_is_not_running_and_why(string command, string name, string reason)
    {
        var dispatcher = host.Services.GetRequiredService<ICommandDispatcher>();

        var reply = await dispatcher.DispatchAsync(command, new CommandContext(HostFixture.User, Chat));

        Assert.True(reply.IsProblem);
        Assert.StartsWith($"The {name} plugin is not running: {reason}", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/fails-migration/ping", "FailsMigration", "its database migrations failed")]
    [InlineData("/api/throws-on-map/ping", "ThrowsOnMapEndpoints", "threw while mapping its endpoints")]
    [InlineData("/api/fails-at-start/ping", "FailsAtStart", "its hosted service ThrowingListener failed to start")]
    public async Task A_route_of_a_stopped_plugin_answers_503_with_the_reason(string path, string name, string reason)
    {
        using var client = host.CreateClient(host.AdminToken);

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith($"The {name} plugin is not running: {reason}", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plugin_whose_background_loop_faults_after_starting_is_malfunctioned_and_the_host_keeps_running()
    {
        var plugin = host.Plugin("faults-later");

        await Eventually.UntilAsync(() => plugin.Status == PluginStatus.Malfunctioned);

        Assert.Equal("its hosted service FaultingLoop failed: InvalidOperationException: the feed closed", plugin.Reason);
        using var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_host_stays_healthy_and_readiness_answers()
    {
        using var client = host.CreateClient();

        var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
