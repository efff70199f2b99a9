using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Llm;
using PluginBot.Host.Plugins;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Ollama.Tests;

/// <summary>
/// The real host loading the staged plugin folder, with Ollama configured on a port where nothing listens, behind a
/// URL that carries a user and password.
/// </summary>
public sealed class OllamaHostFixture : HostFixture
{
    public const string Password = "s3cret-Ollama-pw";

    public Uri OllamaUrl { get; } = new UriBuilder(OllamaHarness.ClosedPort()) { UserName = "ops", Password = Password }.Uri;

    public string PluginFolder { get; } = Path.Combine(Path.GetTempPath(), "pluginbot-ollama-tests", Guid.NewGuid().ToString("N"));

    protected override string PluginsPath => PluginFolder;

    protected override IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>
    {
        ["Plugins:Ollama:Url"] = OllamaUrl.ToString(),
        ["Plugins:Ollama:KeepAlive"] = "10m",
    };

    public override Task InitializeAsync()
    {
        var stagingRoot = typeof(OllamaHostFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginStagingRoot").Value!;
        // The plugin depends on the model router (plugin id "models"), which the host loads from its own folder.
        var router = Path.Combine(PluginFolder, "Models");
        Directory.CreateDirectory(router);
        foreach (var file in Directory.GetFiles(Path.Combine(stagingRoot, "Models")))
        {
            File.Copy(file, Path.Combine(router, Path.GetFileName(file)));
        }

        var staged = Path.Combine(stagingRoot, "Ollama");
        var target = Path.Combine(PluginFolder, "Ollama");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(staged))
        {
            // The plugin's own assembly is this test's copy of the same build: the one coverage instruments.
            var name = Path.GetFileName(file);
            var own = Path.Combine(AppContext.BaseDirectory, name);
            File.Copy(name.StartsWith("PluginBot.Plugins.Ollama.", StringComparison.Ordinal) && File.Exists(own) ? own : file, Path.Combine(target, name));
        }

        return base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(PluginFolder, recursive: true);
    }
}

public sealed class HostLoadingTests(OllamaHostFixture host) : IClassFixture<OllamaHostFixture>
{
    [Fact]
    public void The_host_loads_the_plugin_as_active_and_serves_its_endpoint()
    {
        var plugin = host.Services.GetRequiredService<PluginCatalog>().Plugins.Single(p => p.Manifest.Id == "ollama");
        Assert.Equal(PluginStatus.Active, plugin.Status);
        Assert.Equal("Ollama", plugin.Manifest.Name);

        var endpoint = Assert.Single(host.Services.GetServices<ILlmEndpoint>(), e => e.Name == "ollama");
        Assert.Equal("ollama", endpoint.Kind);
        Assert.True(endpoint.IsLocal);
    }

    [Fact]
    public void The_plugin_folder_carries_no_copy_of_the_shared_contracts()
    {
        var files = Directory.GetFiles(Path.Combine(host.PluginFolder, "Ollama")).Select(Path.GetFileName).ToList();

        Assert.Contains("OllamaSharp.dll", files);
        Assert.DoesNotContain("PluginBot.Abstractions.dll", files);
        Assert.DoesNotContain("Microsoft.Extensions.AI.Abstractions.dll", files);
    }

    [Fact]
    public async Task Readiness_shows_Ollama_down_as_degraded_naming_its_url_without_the_password_to_an_admin()
    {
        using var client = host.CreateClient(host.AdminToken);

        var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(text);
        var check = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "ollama:server");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains($"http://***@127.0.0.1:{host.OllamaUrl.Port}/", check.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OllamaHostFixture.Password, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_probe_sees_that_Ollama_is_degraded_but_not_where_it_is()
    {
        using var client = host.CreateClient();

        var text = await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Contains("\"ollama:server\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.OllamaUrl.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_password_in_the_url_never_reaches_the_logs_or_the_plugin_list()
    {
        using var client = host.CreateClient(host.AdminToken);
        await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative));
        var plugins = await client.GetStringAsync(new Uri("/api/plugins", UriKind.Relative));

        Assert.Contains(host.Logs.Lines, line => line.Contains($"http://***@127.0.0.1:{host.OllamaUrl.Port}/", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains(OllamaHostFixture.Password, StringComparison.Ordinal));
        Assert.DoesNotContain(OllamaHostFixture.Password, plugins, StringComparison.Ordinal);
    }
}
