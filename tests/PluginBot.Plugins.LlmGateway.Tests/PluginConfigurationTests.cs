using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.LlmGateway.Tests;

public sealed class PluginConfigurationTests
{
    private const string Token = "sk-config-secret-99";

    [Fact]
    public void No_endpoint_at_all_is_not_configured_and_names_the_gateway_url()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure([]));

        Assert.StartsWith("LLM_GATEWAY_URL (Plugins:LlmGateway:Url): set the URL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gateway_without_a_token_is_not_configured_and_names_the_token_setting()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(new() { ["Url"] = "http://127.0.0.1:4000" }));

        Assert.StartsWith("LLM_GATEWAY_TOKEN (Plugins:LlmGateway:Token):", exception.Message, StringComparison.Ordinal);
        Assert.Contains("RequireToken=false", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_url_is_not_configured_and_names_the_key_without_echoing_the_token()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(new() { ["Url"] = "localhost 4000", ["Token"] = Token }));

        Assert.Equal("LLM_GATEWAY_URL (Plugins:LlmGateway:Url): not an absolute http(s) URL; write it like http://127.0.0.1:4000", exception.Message);
        Assert.DoesNotContain(Token, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeoutSeconds", "0", "Plugins:LlmGateway:TimeoutSeconds must be 0.1–86,400 seconds, e.g. 600; got 0")]
    [InlineData("TimeoutSeconds", "1e20", "Plugins:LlmGateway:TimeoutSeconds must be 0.1–86,400 seconds, e.g. 600; got 1e20")]
    [InlineData("ReadyTimeoutSeconds", "soon", "Plugins:LlmGateway:ReadyTimeoutSeconds must be 0.1–86,400 seconds, e.g. 5; got soon")]
    public void A_time_out_out_of_range_says_the_allowed_range_and_what_it_got(string key, string value, string expected)
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(new() { ["Url"] = "http://127.0.0.1:4000", ["Token"] = Token, [key] = value }));

        Assert.Equal(expected, exception.Message);
    }

    [Fact]
    public void A_named_endpoint_without_its_token_names_its_own_key()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(new()
        {
            ["Endpoints:openrouter:Url"] = "https://openrouter.ai/api/v1",
        }));

        Assert.StartsWith("Plugins:LlmGateway:Endpoints:openrouter:Token:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_kind_is_not_configured()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(new() { ["Url"] = "http://127.0.0.1:4000", ["Token"] = Token, ["Kind"] = "cohere" }));

        Assert.StartsWith("Plugins:LlmGateway:Kind: use 'openai'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_configured_endpoint_becomes_one_llm_endpoint_with_its_settings()
    {
        using var provider = Configure(new()
        {
            ["Url"] = "http://127.0.0.1:4000",
            ["RequireToken"] = "false",
            ["DefaultModel"] = "gpt-4o-mini",
            ["Endpoints:openrouter:Url"] = "https://openrouter.ai/api/v1",
            ["Endpoints:openrouter:Token"] = Token,
            ["Endpoints:anthropic:Kind"] = "anthropic",
            ["Endpoints:anthropic:Token"] = Token,
            ["Endpoints:anthropic:DefaultModel"] = "claude-sonnet-4-5",
            ["Endpoints:lmstudio:Url"] = "http://127.0.0.1:1234/v1",
            ["Endpoints:lmstudio:RequireToken"] = "false",
            ["Endpoints:lmstudio:IsLocal"] = "true",
        }).BuildServiceProvider();

        var endpoints = provider.GetServices<ILlmEndpoint>().ToDictionary(e => e.Name);

        Assert.Equal(["anthropic", "gateway", "lmstudio", "openrouter"], endpoints.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("openai", endpoints["gateway"].Kind);
        Assert.Equal("gpt-4o-mini", endpoints["gateway"].DefaultModel);
        Assert.Equal("anthropic", endpoints["anthropic"].Kind);
        Assert.Equal("claude-sonnet-4-5", endpoints["anthropic"].DefaultModel);
        Assert.True(endpoints["lmstudio"].IsLocal);
        Assert.False(endpoints["openrouter"].IsLocal);
    }

    [Fact]
    public void Each_endpoint_gets_its_own_health_check_that_degrades_the_host_when_down()
    {
        var plugin = new LlmGatewayPlugin();
        var services = new ServiceCollection();
        plugin.ConfigureServices(services, Context(new()
        {
            ["Url"] = "http://127.0.0.1:4000",
            ["Token"] = Token,
            ["Endpoints:anthropic:Kind"] = "anthropic",
            ["Endpoints:anthropic:Token"] = Token,
        }));
        var builder = new RecordingHealthChecksBuilder(services);

        plugin.AddHealthChecks(builder);

        Assert.Equal(["gateway", "anthropic"], builder.Registrations.Select(r => r.Name));
        Assert.All(builder.Registrations, r => Assert.Equal(HealthStatus.Degraded, r.FailureStatus));
    }

    [Fact]
    public void A_bare_gateway_url_gets_the_v1_root_and_a_url_with_a_path_is_kept()
    {
        Assert.Equal("http://127.0.0.1:4000/v1", OpenAiEndpoint.ApiRoot(new Uri("http://127.0.0.1:4000")).ToString());
        Assert.Equal("https://openrouter.ai/api/v1", OpenAiEndpoint.ApiRoot(new Uri("https://openrouter.ai/api/v1")).ToString());
    }

    private static ServiceCollection Configure(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        new LlmGatewayPlugin().ConfigureServices(services, Context(settings));
        return services;
    }

    private static PluginContext Context(Dictionary<string, string?> settings) => SettingsHarness.Context(settings);

    private sealed class RecordingHealthChecksBuilder(IServiceCollection services) : IHealthChecksBuilder
    {
        public List<HealthCheckRegistration> Registrations { get; } = [];

        public IServiceCollection Services => services;

        public IHealthChecksBuilder Add(HealthCheckRegistration registration)
        {
            Registrations.Add(registration);
            return this;
        }
    }
}
