using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Configuration;
using PluginBot.Host.Hosting;
using PluginBot.Host.Plugins;
using PluginBot.Host.Tests.Cli;
using PluginBot.Host.Tests.Plugins;

namespace PluginBot.Host.Tests.Configuration;

/// <summary>Precedence, lowest first: appsettings.json &lt; .env &lt; environment &lt; command line.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ConfigurationPrecedenceTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Flat_names_in_a_dotenv_file_map_to_their_keys()
    {
        _sandbox.Settings.Remove("Kernel:Database");
        _sandbox.WriteDotEnv([.. FlatNames.ToKey.Keys.Select(name => $"{name}={SampleValue(name)}")]);

        await using var app = PluginBotHost.Build(_sandbox.Options);

        foreach (var (name, key) in FlatNames.ToKey)
        {
            Assert.Equal(SampleValue(name), app.Configuration[key]);
        }

        var settings = app.Services.GetRequiredService<KernelSettings>();
        Assert.Equal(9001, settings.HttpPort);
        Assert.Equal([11L, 12L], settings.AllowedUsers);
        Assert.Equal([10L], settings.AdminUsers);
        Assert.Equal("Europe/Berlin", settings.DefaultTimeZone.Id);
        Assert.Equal("admin-token-0123456789abcdef", settings.AdminToken);
    }

    [Fact]
    public async Task Flat_names_a_plugin_declares_in_its_manifest_map_under_its_section_before_it_registers()
    {
        using var folder = new PluginsFolder().AddPlugin("OptionalOnGood");
        _sandbox.Settings["Plugins:Path"] = folder.Root;
        _sandbox.WriteDotEnv("OPTIONAL_ON_GOOD_GREETING=hello from .env");

        await using var app = PluginBotHost.Build(_sandbox.Options);

        Assert.Equal("hello from .env", app.Configuration["Plugins:OptionalOnGood:Greeting"]);
        var plugin = app.Services.GetRequiredService<PluginCatalog>().Find("optional-on-good")!;
        var seen = app.Services.GetRequiredService(plugin.Assembly!.GetType("PluginBot.TestPlugins.OptionalOnGood.SeenAtRegistration", throwOnError: true)!);
        Assert.EndsWith("Greeting = hello from .env }", seen.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_plugins_flat_names_reach_their_settings()
    {
        _sandbox.Settings["Plugins:Path"] = Path.Combine(AppContext.BaseDirectory, "plugins");
        _sandbox.WriteDotEnv(
            "TELEGRAM_BOT_TOKEN=123456:abc-DEF_ghi",
            "TELEGRAM_API_URL=http://127.0.0.1:9",
            "LLM_GATEWAY_URL=http://127.0.0.1:4000",
            "LLM_GATEWAY_TOKEN=sk-test",
            "OLLAMA_URL=http://127.0.0.1:11434");

        await using var app = PluginBotHost.Build(_sandbox.Options);

        Assert.Equal("123456:abc-DEF_ghi", app.Configuration["Plugins:Telegram:BotToken"]);
        Assert.Equal("http://127.0.0.1:9", app.Configuration["Plugins:Telegram:ApiUrl"]);
        Assert.Equal("http://127.0.0.1:4000", app.Configuration["Plugins:LlmGateway:Url"]);
        Assert.Equal("sk-test", app.Configuration["Plugins:LlmGateway:Token"]);
        Assert.Equal("http://127.0.0.1:11434", app.Configuration["Plugins:Ollama:Url"]);
        var catalog = app.Services.GetRequiredService<PluginCatalog>();
        foreach (var id in new[] { "telegram", "llm-gateway", "ollama" })
        {
            Assert.Equal(PluginStatus.Active, catalog.Find(id)!.Status);
        }
    }

    [Fact]
    public async Task Double_underscore_names_in_a_dotenv_file_become_hierarchical_keys()
    {
        _sandbox.WriteDotEnv("Kernel__RateLimit__Burst=77", "Plugins__Hello__Enabled=false", "UNRELATED=1");

        await using var app = PluginBotHost.Build(_sandbox.Options);

        Assert.Equal(77, app.Services.GetRequiredService<KernelSettings>().RateLimitBurst);
        Assert.Equal("false", app.Configuration["Plugins:Hello:Enabled"]);
        Assert.Null(app.Configuration["UNRELATED"]);
    }

    [Fact]
    public async Task Appsettings_json_is_the_lowest_layer()
    {
        await using var app = PluginBotHost.Build(_sandbox.Options);

        Assert.Equal(8080, app.Services.GetRequiredService<KernelSettings>().HttpPort);
        Assert.Equal("Warning", app.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public async Task The_environment_overrides_dotenv_and_the_command_line_overrides_both()
    {
        _sandbox.UseEnvironment = true;
        _sandbox.WriteDotEnv("API_PORT=9001", "API_BIND=127.0.0.1", "DEFAULT_TIMEZONE=Europe/Berlin", "ALLOWED_USERS=11");
        using var environment = new EnvironmentVariables(new() { ["API_PORT"] = "9002", ["DEFAULT_TIMEZONE"] = "America/New_York" });

        var fromEnvironment = await _sandbox.RunAsync("config", "check");
        var fromCommandLine = await _sandbox.RunAsync("--Kernel:Http:Port=9003", "config", "check", "--Settings:timezone=Asia/Tokyo");

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Contains("127.0.0.1:9002", fromEnvironment.Output, StringComparison.Ordinal);
        Assert.Contains("America/New_York", fromEnvironment.Output, StringComparison.Ordinal);
        Assert.Contains("1 user(s)", fromEnvironment.Output, StringComparison.Ordinal);
        Assert.Equal(0, fromCommandLine.ExitCode);
        Assert.Contains("127.0.0.1:9003", fromCommandLine.Output, StringComparison.Ordinal);
        Assert.Contains("Asia/Tokyo", fromCommandLine.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_overrides_sit_above_the_command_line()
    {
        _sandbox.Settings["Kernel:Http:Port"] = "9004";

        await using var app = PluginBotHost.Build(_sandbox.Options with { Args = ["--Kernel:Http:Port=9003"] });

        Assert.Equal(9004, app.Services.GetRequiredService<KernelSettings>().HttpPort);
    }

    [Fact]
    public async Task An_invalid_value_on_the_command_line_is_reported_like_any_other()
    {
        var result = await _sandbox.RunAsync("plugins", "--Kernel:Http:Port=http");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Configuration error: API_PORT (Kernel:Http:Port) must be 0–65,535 (a port number; 0 picks a free one), e.g. 8080; got http.", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    private string SampleValue(string name) => name switch
    {
        "API_PORT" => "9001",
        "API_BIND" => "127.0.0.1",
        "ALLOWED_USERS" => "11,12",
        "ADMIN_USERS" => "10",
        "DEFAULT_TIMEZONE" => "Europe/Berlin",
        "LOG_LEVEL" => "Warning",
        "API_ADMIN_TOKEN" => "admin-token-0123456789abcdef",
        "DATABASE_URL" => "sqlite:///data/flat.db",
        "METRICS_ENABLED" => "false",
        "OTEL_EXPORTER_OTLP_ENDPOINT" => "http://127.0.0.1:4318",
        "LOG_FILE" => Path.Combine(_sandbox.Root, "logs", "pluginbot.log"),
        _ => "value-of-" + name.ToLowerInvariant(),
    };
}

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>Sets process environment variables and restores the previous values on dispose.</summary>
internal sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous = [];

    public EnvironmentVariables(Dictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
