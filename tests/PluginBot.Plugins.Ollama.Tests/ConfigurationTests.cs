using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Ollama.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void Without_settings_the_endpoint_is_the_local_ollama_on_its_usual_port()
    {
        using var harness = OllamaHarness.Start();

        var endpoint = harness.Endpoint;

        Assert.Equal("ollama", endpoint.Name);
        Assert.Equal("ollama", endpoint.Kind);
        Assert.True(endpoint.IsLocal);
        Assert.Null(endpoint.DefaultModel);
        var settings = harness.Services.GetRequiredService<OllamaSettings>();
        Assert.Equal(new Uri("http://localhost:11434"), settings.Url);
        Assert.Equal(TimeSpan.FromSeconds(600), settings.Timeout);
        Assert.Null(settings.KeepAlive);
    }

    [Fact]
    public void Settings_are_read_from_the_plugin_section()
    {
        using var harness = OllamaHarness.Start(
            ("Url", "http://127.0.0.1:9999"),
            ("DefaultModel", "qwen2.5:7b"),
            ("KeepAlive", "1h30m"),
            ("TimeoutSeconds", "1200"));

        var settings = harness.Services.GetRequiredService<OllamaSettings>();

        Assert.Equal("qwen2.5:7b", harness.Endpoint.DefaultModel);
        Assert.Equal(new Uri("http://127.0.0.1:9999"), settings.Url);
        Assert.Equal("1h30m", settings.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(1200), settings.Timeout);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:11434")]
    [InlineData("127.0.0.1:11434/api")]
    public void A_malformed_url_leaves_the_plugin_not_configured_naming_OLLAMA_URL(string url)
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(("Url", url)));

        Assert.Contains("OLLAMA_URL (Plugins:Ollama:Url)", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("5x")]
    [InlineData("m5")]
    public void A_keep_alive_that_is_not_a_duration_leaves_the_plugin_not_configured(string keepAlive)
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(("KeepAlive", keepAlive)));

        Assert.Contains("Plugins:Ollama:KeepAlive", exception.Message, StringComparison.Ordinal);
        Assert.Contains("5m", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5m", "5m")]
    [InlineData("30s", "30s")]
    [InlineData("-1", "-1s")]
    [InlineData("0", "0s")]
    [InlineData("300", "300s")]
    [InlineData("2h45m", "2h45m")]
    public void Keep_alive_accepts_Ollama_durations_and_bare_seconds(string keepAlive, string sent)
    {
        var services = Configure(("KeepAlive", keepAlive));

        using var provider = services.BuildServiceProvider();
        Assert.Equal(sent, provider.GetRequiredService<OllamaSettings>().KeepAlive);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    [InlineData("-5")]
    public void A_time_out_that_is_not_a_positive_number_of_seconds_leaves_the_plugin_not_configured(string seconds)
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(("TimeoutSeconds", seconds)));

        Assert.Contains("Plugins:Ollama:TimeoutSeconds", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var exception = Assert.Throws<PluginNotConfiguredException>(() => Configure(("Url", "nope"), ("KeepAlive", "forever")));

        Assert.Contains("OLLAMA_URL", exception.Message, StringComparison.Ordinal);
        Assert.Contains("KeepAlive", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_settings_are_options_whose_validator_runs_again_when_the_configuration_changes()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Plugins:Ollama:Url", "http://127.0.0.1:9999")])
            .Build();
        var services = new ServiceCollection();
        new OllamaPlugin().ConfigureServices(services, new PluginContext(OllamaHarness.Manifest, configuration.GetSection("Plugins:Ollama"), Path.GetTempPath(), NullLogger.Instance));
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<OllamaOptions>>();
        Assert.Equal("http://127.0.0.1:9999", monitor.CurrentValue.Url);

        configuration["Plugins:Ollama:TimeoutSeconds"] = "ten";
        // The monitor recomputes inside the reload's change callback, so the reload reports the failure too.
        _ = Record.Exception(configuration.Reload);

        var error = Assert.Throws<OptionsValidationException>(() => monitor.CurrentValue);
        Assert.Contains("Plugins:Ollama:TimeoutSeconds: 'ten' is not a whole number of seconds", error.Message, StringComparison.Ordinal);
    }

    private static ServiceCollection Configure(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        new OllamaPlugin().ConfigureServices(services, OllamaHarness.Context(settings));
        return services;
    }
}
