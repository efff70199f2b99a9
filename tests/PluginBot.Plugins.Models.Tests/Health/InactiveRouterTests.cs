using System.Net;
using System.Text.Json;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Models.Tests.Health;

/// <summary>With the Models plugin disabled the host still runs, and a model call says why it cannot be made.</summary>
public sealed class InactiveRouterTests(NoModelsFixture host) : HostTest<NoModelsFixture>(host), IClassFixture<NoModelsFixture>
{
    [Fact]
    public async Task The_host_starts_and_is_alive()
    {
        using var client = Host.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_catalog_shows_the_router_disabled_and_the_providers_refused_for_its_absence()
    {
        using var admin = Host.CreateClient(Host.AdminToken);
        using var body = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/plugins", UriKind.Relative)));
        var byId = body.RootElement.EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);

        Assert.Equal("Disabled", byId["models"].GetProperty("status").GetString());
        Assert.Equal("NotSupported", byId["llm-gateway"].GetProperty("status").GetString());
        Assert.Contains("models", byId["llm-gateway"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("NotSupported", byId["ollama"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_model_call_fails_saying_the_Models_plugin_is_not_active()
    {
        await using var scope = Host.CreateScope(HostFixture.User);
        var router = scope.ServiceProvider.GetRequiredService<IModelRouter>();

        var error = await Assert.ThrowsAsync<ModelNotAvailableException>(() => router.ResolveAsync(null, new LlmCallContext { Actor = HostFixture.User }));

        Assert.StartsWith("No model router: the Models plugin is not active", error.Message, StringComparison.Ordinal);
        Assert.Empty(Host.Gateway.Calls);
    }

    [Fact]
    public async Task Asking_a_model_through_the_pipeline_is_refused_rather_than_half_handled()
    {
        await using var scope = Host.CreateScope(HostFixture.User);

        // With no plugin handling it, MediatR finds no handler: the CLI checks for the router before it sends.
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AskModel.Command("hi", null, null)));
        Assert.Empty(Host.Gateway.Calls);
    }
}
