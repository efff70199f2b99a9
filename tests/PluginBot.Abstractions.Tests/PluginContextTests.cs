using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Abstractions.Tests;

public sealed class PluginContextTests
{
    private static PluginContext Context(params (string Key, string Value)[] values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build();
        var manifest = new PluginManifest("weather", "Weather", "1.0.0", HostApiVersion.Current, [], "Weather.dll", "");
        return new PluginContext(manifest, configuration.GetSection("Plugins:Weather"), Path.GetTempPath(), NullLogger.Instance);
    }

    [Fact]
    public void Valid_options_are_bound_and_registered()
    {
        var services = new ServiceCollection();
        var options = Context(("Plugins:Weather:ApiKey", "k"), ("Plugins:Weather:Days", "3")).BindOptions<WeatherOptions>(services);
        Assert.Equal(3, options.Days);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(3, provider.GetRequiredService<IOptions<WeatherOptions>>().Value.Days);
        Assert.Equal(3, provider.GetRequiredService<IOptionsMonitor<WeatherOptions>>().CurrentValue.Days);
    }

    [Fact]
    public void Bound_options_are_validated_again_when_the_configuration_changes()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new KeyValuePair<string, string?>("Plugins:Weather:ApiKey", "k"), new KeyValuePair<string, string?>("Plugins:Weather:Days", "3")])
            .Build();
        var manifest = new PluginManifest("weather", "Weather", "1.0.0", HostApiVersion.Current, [], "Weather.dll", "");
        var services = new ServiceCollection();
        new PluginContext(manifest, configuration.GetSection("Plugins:Weather"), Path.GetTempPath(), NullLogger.Instance).BindOptions<WeatherOptions>(services);
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<WeatherOptions>>();
        Assert.Equal(3, monitor.CurrentValue.Days);

        configuration["Plugins:Weather:Days"] = "30";
        // The monitor recomputes inside the reload's change callback, so the reload reports the failure too.
        _ = Record.Exception(configuration.Reload);

        var error = Assert.Throws<OptionsValidationException>(() => monitor.CurrentValue);
        Assert.Equal("Plugins:Weather:Days must be 1–7; got 30", error.Message);
    }

    [Fact]
    public void Every_invalid_setting_is_named_by_its_full_path()
    {
        var error = Assert.Throws<PluginNotConfiguredException>(() => Context(("Plugins:Weather:Days", "30")).BindOptions<WeatherOptions>(new ServiceCollection()));
        Assert.Contains("Plugins:Weather:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Plugins:Weather:Days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_out_of_range_says_the_allowed_range_and_what_it_got()
    {
        var error = Assert.Throws<PluginNotConfiguredException>(() => Context(("Plugins:Weather:ApiKey", "k"), ("Plugins:Weather:Days", "30")).BindOptions<WeatherOptions>(new ServiceCollection()));
        Assert.Equal("Plugins:Weather:Days must be 1–7; got 30", error.Message);
    }

    [Fact]
    public void A_fractional_range_keeps_its_decimals()
    {
        var error = Assert.Throws<PluginNotConfiguredException>(() => Context(("Plugins:Weather:ApiKey", "k"), ("Plugins:Weather:Hours", "0.01")).BindOptions<WeatherOptions>(new ServiceCollection()));
        Assert.Equal("Plugins:Weather:Hours must be 0.05–10,000; got 0.01", error.Message);
    }

    [Fact]
    public void A_value_that_is_not_a_number_marks_the_plugin_not_configured_naming_the_setting()
    {
        var error = Assert.Throws<PluginNotConfiguredException>(() => Context(("Plugins:Weather:ApiKey", "k"), ("Plugins:Weather:Days", "three")).BindOptions<WeatherOptions>(new ServiceCollection()));
        Assert.Contains("'three'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Plugins:Weather:Days'", error.Message, StringComparison.Ordinal);
    }

    private sealed class WeatherOptions
    {
        [Required(ErrorMessage = "set it to your API key")]
        public string? ApiKey { get; set; }

        [Range(1, 7)]
        public int Days { get; set; } = 1;

        [Range(0.05, 10_000)]
        public double Hours { get; set; } = 1;
    }
}
