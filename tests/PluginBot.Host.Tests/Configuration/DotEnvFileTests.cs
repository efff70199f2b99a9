using PluginBot.Host.Configuration;

namespace PluginBot.Host.Tests.Configuration;

public sealed class DotEnvFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"pluginbot-{Guid.NewGuid():N}.env");

    [Fact]
    public void Comments_blank_lines_and_lines_without_a_key_are_skipped()
    {
        File.WriteAllLines(_path, ["# a comment", "", "   ", "no equals sign", "=value without key", "API_PORT=9000"]);

        var pair = Assert.Single(DotEnvFile.Read(_path));

        Assert.Equal(new KeyValuePair<string, string>("API_PORT", "9000"), pair);
    }

    [Fact]
    public void Quotes_export_and_surrounding_spaces_are_removed_but_inner_equals_signs_are_kept()
    {
        File.WriteAllLines(_path, [
            "export LLM_MODEL=gpt-test",
            "  TELEGRAM_BOT_TOKEN = \"123:abc=def\"  ",
            "OLLAMA_URL='http://127.0.0.1:11434'",
            "LLM_GATEWAY_TOKEN=\"unbalanced'",
            "EMPTY=",
        ]);

        var values = DotEnvFile.Read(_path).ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("gpt-test", values["LLM_MODEL"]);
        Assert.Equal("123:abc=def", values["TELEGRAM_BOT_TOKEN"]);
        Assert.Equal("http://127.0.0.1:11434", values["OLLAMA_URL"]);
        Assert.Equal("\"unbalanced'", values["LLM_GATEWAY_TOKEN"]);
        Assert.Equal("", values["EMPTY"]);
    }

    [Fact]
    public void A_missing_file_yields_nothing()
    {
        Assert.Empty(DotEnvFile.Read(_path));
    }

    public void Dispose() => File.Delete(_path);
}
