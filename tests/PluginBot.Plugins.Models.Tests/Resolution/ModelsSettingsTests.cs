using Microsoft.Extensions.Configuration;
using PluginBot.Plugins.Models;

namespace PluginBot.Plugins.Models.Tests.Resolution;

public sealed class ModelsSettingsTests
{
    private static ModelsSettings Load(params (string Key, string Value)[] values)
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
        return ModelsSettings.Load(root.GetSection("Plugins:Models"), root.GetSection(ModelsSettings.LegacySection));
    }

    [Fact]
    public void The_plugin_reads_its_own_section()
    {
        var settings = Load(
            ("Plugins:Models:Provider", "ollama"),
            ("Plugins:Models:Aliases:fast", "ollama:llama3.2"),
            ("Plugins:Models:Fallbacks:fast", "gateway:a, gateway:b"),
            ("Plugins:Models:Retry:MaxAttempts", "5"),
            ("Plugins:Models:FirstTokenTimeoutSeconds", "9"),
            ("Plugins:Models:Endpoints:ollama:MaxConcurrency", "1"));

        Assert.Equal("ollama", settings.Provider);
        Assert.Equal("ollama:llama3.2", settings.Aliases["FAST"]);
        Assert.Equal(["gateway:a", "gateway:b"], settings.Fallbacks["fast"]);
        Assert.Equal(5, settings.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(9), settings.FirstTokenTimeout);
        Assert.Equal(1, settings.MaxConcurrency["ollama"]);
    }

    [Fact]
    public void The_old_Models_keys_still_count()
    {
        var settings = Load(("Models:Provider", "gateway"), ("Models:Aliases:smart", "gateway:smart-model"), ("Models:MaxOutputTokens", "512"));

        Assert.Equal("gateway", settings.Provider);
        Assert.Equal("gateway:smart-model", settings.Aliases["smart"]);
        Assert.Equal(512, settings.MaxOutputTokens);
    }

    [Fact]
    public void A_key_under_the_plugin_section_wins_over_its_old_twin_and_a_fallback_chain_is_replaced_whole()
    {
        var settings = Load(
            ("Models:Provider", "gateway"),
            ("Plugins:Models:Provider", "ollama"),
            ("Models:Aliases:smart", "gateway:old"),
            ("Models:Aliases:spare", "gateway:spare"),
            ("Plugins:Models:Aliases:smart", "gateway:new"),
            ("Models:Fallbacks:smart:0", "gateway:x"),
            ("Models:Fallbacks:smart:1", "gateway:y"),
            ("Plugins:Models:Fallbacks:smart:0", "gateway:z"));

        Assert.Equal("ollama", settings.Provider);
        Assert.Equal("gateway:new", settings.Aliases["smart"]);
        Assert.Equal("gateway:spare", settings.Aliases["spare"]);
        Assert.Equal(["gateway:z"], settings.Fallbacks["smart"]);
    }

    [Fact]
    public void The_old_keys_in_use_are_listed_so_the_plugin_can_say_they_can_move()
    {
        var root = new ConfigurationBuilder().AddInMemoryCollection([new("Models:Provider", "gateway"), new("Plugins:Models:MaxConcurrency", "2")]).Build();

        Assert.Equal(["Models:Provider"], ModelsSettings.LegacyKeys(root.GetSection(ModelsSettings.LegacySection)));
    }
}
