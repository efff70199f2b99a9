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
        foreach (var name in new[] { "TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "LLM_GATEWAY_TOKEN", "API_ADMIN_TOKEN" })
        {
            Assert.True(FlatNames.IsSecret(FlatNames.ToKey[name]), name);
        }
    }

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
