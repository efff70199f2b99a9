using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Ollama.Tests;

/// <summary>
/// Registers the plugin the way the host does — its <c>ConfigureServices</c> with a <see cref="PluginContext"/>
/// over in-memory settings — and hands out the endpoint it registered.
/// </summary>
internal sealed class OllamaHarness : IDisposable
{
    public static readonly PluginManifest Manifest = new("ollama", "Ollama", "0.1.0", "2.0", [], "PluginBot.Plugins.Ollama.dll", "")
    {
        Environment = new Dictionary<string, string> { ["OLLAMA_URL"] = "Url" },
    };

    private OllamaHarness(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public ILlmEndpoint Endpoint => Services.GetServices<ILlmEndpoint>().Single();

    public static OllamaHarness Start(Uri url, params (string Key, string Value)[] settings) =>
        Start([("Url", url.ToString()), .. settings]);

    public static OllamaHarness Start(params (string Key, string Value)[] settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var plugin = new OllamaPlugin();
        plugin.ConfigureServices(services, Context(settings));
        plugin.AddHealthChecks(services.AddHealthChecks());
        return new OllamaHarness(services.BuildServiceProvider());
    }

    /// <summary>A context over the section <c>Plugins:Ollama</c> holding <paramref name="settings"/>.</summary>
    public static PluginContext Context(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"Plugins:Ollama:{s.Key}", s.Value)))
            .Build();
        return new PluginContext(Manifest, configuration.GetSection("Plugins:Ollama"), Path.GetTempPath(), NullLogger.Instance);
    }

    /// <summary>A running fake Ollama that has pulled <paramref name="models"/>.</summary>
    public static async Task<FakeOllamaServer> StartFakeAsync(params string[] models)
    {
        var fake = new FakeOllamaServer { Models = models };
        await fake.StartAsync();
        return fake;
    }

    /// <summary>An address on 127.0.0.1 where nothing listens.</summary>
    public static Uri ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    public void Dispose() => Services.Dispose();
}
