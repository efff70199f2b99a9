using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

/// <summary>A price catalog over in-memory settings and a temporary folder for price files.</summary>
internal sealed class PriceSandbox : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pluginbot-prices-").FullName;
    private readonly IConfigurationRoot _configuration;
    private PriceCatalog? _catalog;

    public PriceSandbox(params (string Key, string Value)[] settings)
    {
        _configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Plugins:Costs:{s.Key}", s.Value)))
            .Build();
    }

    public string PricePath => Path.Combine(_folder, "prices.json");

    public IConfiguration Section => _configuration.GetSection("Plugins:Costs");

    /// <summary>Created on first use, so files and settings can be prepared first.</summary>
    public PriceCatalog Catalog => _catalog ??= new PriceCatalog(Section, new FakeTimeProvider(), NullLogger<PriceCatalog>.Instance);

    public void Set(string key, string? value) => _configuration[$"Plugins:Costs:{key}"] = value;

    /// <summary>Writes the operator's price file and points <c>PriceFile</c> at it.</summary>
    public void WritePriceFile(string json)
    {
        File.WriteAllText(PricePath, json);
        Set("PriceFile", PricePath);
    }

    public static string Entry(string model, decimal inputPerMillion, decimal outputPerMillion) =>
        $$"""
        {
          "{{model}}": {
            "input_cost_per_token": {{PerToken(inputPerMillion)}},
            "output_cost_per_token": {{PerToken(outputPerMillion)}}
          }
        }
        """;

    private static string PerToken(decimal perMillion) => (perMillion / 1_000_000m).ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _catalog?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
