using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.LlmGateway.Tests;

/// <summary>Named endpoints under Endpoints:&lt;name&gt;: what is refused, and the setting each refusal names.</summary>
public sealed class EndpointSettingsTests
{
    private const string Section = "Plugins:LlmGateway";
    private const string Token = "sk-endpoint-secret-42";

    private static IReadOnlyList<EndpointSettings> Read(Dictionary<string, string?> values) => SettingsHarness.Read(values);

    private static string Problem(Dictionary<string, string?> values) =>
        Assert.Throws<PluginNotConfiguredException>(() => Read(values)).Message;

    [Fact]
    public void An_endpoint_name_that_cannot_be_written_before_the_colon_is_refused()
    {
        var message = Problem(new() { ["Endpoints:my.proxy:Url"] = "http://127.0.0.1:4000", ["Endpoints:my.proxy:Token"] = Token });

        Assert.Equal(
            $"{Section}:Endpoints:my.proxy: an endpoint name is lowercase letters, digits, '-' or '_' (it is written before the colon in 'endpoint:model')",
            message);
    }

    [Fact]
    public void A_named_endpoint_called_gateway_beside_the_flat_gateway_settings_is_refused_as_a_duplicate()
    {
        var message = Problem(new()
        {
            ["Url"] = "http://127.0.0.1:4000",
            ["Token"] = Token,
            ["Endpoints:Gateway:Url"] = "http://127.0.0.1:4001",
            ["Endpoints:Gateway:Token"] = Token,
        });

        Assert.Equal(
            $"{Section}:Endpoints:Gateway: the endpoint 'gateway' is already configured by LLM_GATEWAY_URL ({Section}:Url); remove one of them",
            message);
    }

    [Fact]
    public void An_openai_endpoint_without_a_url_is_refused_but_an_anthropic_one_uses_its_default()
    {
        Assert.Equal(
            $"{Section}:Endpoints:local:Url: set the URL of the OpenAI-compatible API (e.g. http://127.0.0.1:4000)",
            Problem(new() { ["Endpoints:local:Token"] = Token }));

        var claude = Assert.Single(Read(new() { ["Endpoints:claude:Kind"] = "Anthropic", ["Endpoints:claude:Token"] = Token }));
        Assert.Equal(("claude", EndpointSettings.AnthropicKind), (claude.Name, claude.Kind));
    }

    [Fact]
    public void Bad_switches_and_timeouts_are_all_told_at_once_without_the_token()
    {
        var message = Problem(new()
        {
            ["Endpoints:local:Url"] = "http://127.0.0.1:11434/v1",
            ["Endpoints:local:Token"] = Token,
            ["Endpoints:local:IsLocal"] = "yes",
            ["Endpoints:local:TimeoutSeconds"] = "-3",
            ["Endpoints:local:ReadyTimeoutSeconds"] = "soon",
        });

        Assert.Equal(
            $"{Section}:Endpoints:local:TimeoutSeconds must be 0.1–86,400 seconds, e.g. 600; got -3; "
            + $"{Section}:Endpoints:local:ReadyTimeoutSeconds must be 0.1–86,400 seconds, e.g. 5; got soon; "
            + $"{Section}:Endpoints:local:IsLocal: write true or false",
            message);
        Assert.DoesNotContain(Token, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_endpoint_takes_its_timeouts_and_locality_from_its_own_section()
    {
        var local = Assert.Single(Read(new()
        {
            ["Endpoints:local:Url"] = "http://127.0.0.1:11434/v1",
            ["Endpoints:local:RequireToken"] = "false",
            ["Endpoints:local:IsLocal"] = "true",
            ["Endpoints:local:TimeoutSeconds"] = "90.5",
        }));

        Assert.True(local.IsLocal);
        Assert.Null(local.Token);
        Assert.Equal(TimeSpan.FromSeconds(90.5), local.Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), local.ReadyTimeout);
        Assert.Equal($"{Section}:Endpoints:local:TimeoutSeconds", local.TimeoutSetting);
    }
}
