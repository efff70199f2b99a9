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
        Assert.Same(options, services.BuildServiceProvider().GetRequiredService<IOptions<WeatherOptions>>().Value);
    }

    [Fact]
    public void Every_invalid_setting_is_named_by_its_full_path()
    {
        var error = Assert.Throws<PluginNotConfiguredException>(() => Context(("Plugins:Weather:Days", "30")).BindOptions<WeatherOptions>(new ServiceCollection()));
        Assert.Contains("Plugins:Weather:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Plugins:Weather:Days", error.Message, StringComparison.Ordinal);
    }

    private sealed class WeatherOptions
    {
        [Required(ErrorMessage = "set it to your API key")]
        public string? ApiKey { get; set; }

        [Range(1, 7)]
        public int Days { get; set; } = 1;
    }
}
