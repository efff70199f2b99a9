using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Configuration;

namespace PluginBot.Host.Tests.Configuration;

public sealed class FlatNamesTests
{
    [Theory]
    [InlineData("Kernel:Http:Port", "API_PORT (Kernel:Http:Port)")]
    [InlineData("kernel:http:port", "API_PORT (kernel:http:port)")]
    [InlineData("Kernel:Http:MaxRequestBodyBytes", "Kernel:Http:MaxRequestBodyBytes")]
    public void Describe_names_the_flat_variable_when_there_is_one(string key, string expected)
    {
        Assert.Equal(expected, FlatNames.Describe(key));
    }

    [Theory]
    [InlineData("Kernel:Http:AdminToken", true)]
    [InlineData("Plugins:Telegram:WebhookSecret", true)]
    [InlineData("Plugins:Acme:Password", true)]
    [InlineData("Plugins:Acme:ApiKey", true)]
    [InlineData("Kernel:Http:Port", false)]
    [InlineData("Plugins:Ollama:Url", false)]
    public void Secret_keys_are_recognised_by_table_and_by_name(string key, bool secret)
    {
        Assert.Equal(secret, FlatNames.IsSecret(key));
    }

    [Fact]
    public void Every_secret_flat_variable_is_treated_as_a_secret()
    {
        var table = new FlatNameTable();
        table.Add(Manifest("telegram", "Telegram", ("TELEGRAM_BOT_TOKEN", "BotToken"), ("TELEGRAM_WEBHOOK_SECRET", "WebhookSecret")));
        table.Add(Manifest("llm-gateway", "LlmGateway", ("LLM_GATEWAY_TOKEN", "Token")));
        foreach (var name in new[] { "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "LLM_GATEWAY_TOKEN", "API_ADMIN_TOKEN", "METRICS_TOKEN" })
        {
            Assert.True(FlatNames.IsSecret(table.ToKey[name]), name);
        }
    }

    [Fact]
    public void The_kernel_table_holds_only_the_kernel_s_names()
    {
        Assert.All(FlatNames.ToKey.Values, key => Assert.False(key.StartsWith("Plugins:", StringComparison.Ordinal), key));
    }

    [Fact]
    public void A_plugin_s_names_map_under_its_own_section_and_are_described_by_them()
    {
        var table = new FlatNameTable();

        Assert.Empty(table.Add(Manifest("ollama", "Ollama", ("OLLAMA_URL", "Url"))));

        Assert.Equal("Plugins:Ollama:Url", table.ToKey["OLLAMA_URL"]);
        Assert.Equal("OLLAMA_URL (Plugins:Ollama:Url)", table.Describe("Plugins:Ollama:Url"));
        Assert.Equal("API_PORT (Kernel:Http:Port)", table.Describe("Kernel:Http:Port"));
    }

    [Fact]
    public void A_plugin_cannot_take_a_name_the_kernel_or_an_earlier_plugin_has()
    {
        var table = new FlatNameTable();
        table.Add(Manifest("first", "First", ("SHARED_URL", "Url")));

        var warnings = table.Add(Manifest("second", "Second", ("SHARED_URL", "Address"), ("API_PORT", "Port")));

        Assert.Equal("Plugins:First:Url", table.ToKey["SHARED_URL"]);
        Assert.Equal("Kernel:Http:Port", table.ToKey["API_PORT"]);
        Assert.Equal(
            [
                "its environment name API_PORT is ignored: the kernel already uses it for Kernel:Http:Port; set Plugins:Second:Port instead",
                "its environment name SHARED_URL is ignored: plugin 'first' already uses it for Plugins:First:Url; set Plugins:Second:Address instead",
            ],
            warnings);
    }

    private static PluginManifest Manifest(string id, string name, params (string Flat, string Key)[] names) =>
        new(id, name, "1.0.0", HostApiVersion.Current, [], id + ".dll", "")
        {
            Environment = names.ToDictionary(n => n.Flat, n => n.Key),
        };

    [Fact]
    public void The_configuration_guide_documents_every_flat_variable_and_its_key()
    {
        var guide = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "configuration.md"));

        foreach (var (name, key) in FlatNames.ToKey)
        {
            Assert.Contains($"`{name}`", guide, StringComparison.Ordinal);
            Assert.Contains($"`{key}`", guide, StringComparison.Ordinal);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PluginBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("PluginBot.sln not found above " + AppContext.BaseDirectory);
    }
}
