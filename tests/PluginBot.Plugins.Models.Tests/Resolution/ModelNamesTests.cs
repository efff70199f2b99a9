using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Models;
using PluginBot.Plugins.Models.Resolution;

namespace PluginBot.Plugins.Models.Tests.Resolution;

public sealed class ModelNamesTests
{
    private static ModelNames Names(string? provider, params (string Key, string Value)[] values)
    {
        var all = values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).ToList();
        if (provider is not null)
        {
            all.Add(new("Plugins:Models:Provider", provider));
        }

        var root = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        return new ModelNames(ModelsSettings.Load(root.GetSection("Plugins:Models"), root.GetSection(ModelsSettings.LegacySection)), ["gateway", "ollama", "openrouter"]);
    }

    [Theory]
    [InlineData("gateway:gpt-4o", "gateway", "gpt-4o")]
    [InlineData("ollama:qwen2.5:7b", "ollama", "qwen2.5:7b")]
    [InlineData("openrouter:meta-llama/llama-3.1-8b-instruct:free", "openrouter", "meta-llama/llama-3.1-8b-instruct:free")]
    [InlineData("GATEWAY:gpt-4o", "gateway", "gpt-4o")]
    public void References_split_on_the_first_colon(string name, string endpoint, string model) =>
        Assert.Equal(new ModelReference(endpoint, model), Names(null).Resolve(name).Reference);

    [Theory]
    [InlineData("gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("qwen2.5:7b", "qwen2.5:7b")]
    [InlineData("meta-llama/llama-3.1-8b-instruct:free", "meta-llama/llama-3.1-8b-instruct:free")]
    public void A_bare_model_runs_on_the_provider_endpoint(string name, string model) =>
        Assert.Equal(new ModelReference("ollama", model), Names("ollama").Resolve(name).Reference);

    [Fact]
    public void Aliases_resolve_through_chains_and_report_the_first_alias()
    {
        var names = Names(null, ("Plugins:Models:Aliases:claude", "sonnet"), ("Plugins:Models:Aliases:sonnet", "gateway:anthropic/claude-sonnet-4-5"));
        var (reference, alias) = names.Resolve("Claude");
        Assert.Equal(new ModelReference("gateway", "anthropic/claude-sonnet-4-5"), reference);
        Assert.Equal("Claude", alias);
    }

    [Fact]
    public void An_alias_cycle_is_named_in_full()
    {
        var names = Names(null, ("Plugins:Models:Aliases:a", "b"), ("Plugins:Models:Aliases:b", "a"));
        var error = Assert.Throws<ModelNotAvailableException>(() => names.Resolve("a"));
        Assert.StartsWith("Alias cycle a → b → a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_endpoint_lists_the_configured_ones()
    {
        var error = Assert.Throws<ModelNotAvailableException>(() => Names("ollama").Resolve("gatewy:gpt-4o"));
        Assert.Contains("Unknown endpoint 'gatewy'", error.Message, StringComparison.Ordinal);
        Assert.Contains("gateway, ollama, openrouter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_model_without_a_provider_asks_for_endpoint_and_model()
    {
        var error = Assert.Throws<ModelNotAvailableException>(() => Names(null).Resolve("gpt-4o"));
        Assert.Contains("write it as endpoint:model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fallbacks_hang_off_aliases_and_skip_the_primary()
    {
        var names = Names(null,
            ("Plugins:Models:Aliases:claude", "gateway:claude"),
            ("Plugins:Models:Aliases:gpt", "gateway:gpt-4o"),
            ("Plugins:Models:Fallbacks:claude:0", "gpt"),
            ("Plugins:Models:Fallbacks:claude:1", "ollama:llama3.2"),
            ("Plugins:Models:Fallbacks:claude:2", "claude"),
            ("Plugins:Models:Fallbacks:gpt:0", "ollama:llama3.2"));

        var primary = names.Resolve("claude").Reference;
        Assert.Equal(
            [new ModelReference("gateway", "gpt-4o"), new ModelReference("ollama", "llama3.2")],
            names.FallbacksFor("claude", primary).Select(f => f.Reference));
        Assert.Equal([new ModelReference("ollama", "llama3.2")], names.FallbacksFor("gpt", new ModelReference("gateway", "gpt-4o")).Select(f => f.Reference));
        Assert.Empty(names.FallbacksFor("ollama:llama3.2", new ModelReference("ollama", "llama3.2")));
    }

    [Fact]
    public void Problems_list_cycles_unknown_endpoints_in_aliases_and_fallbacks_and_a_provider_with_no_endpoint()
    {
        var problems = Names("lmstudio",
            ("Plugins:Models:Aliases:a", "b"),
            ("Plugins:Models:Aliases:b", "a"),
            ("Plugins:Models:Aliases:typo", "gatewy:x"),
            ("Plugins:Models:Fallbacks:a:0", "nowhere:y"),
            ("Plugins:Models:Fallbacks:gpt4:0", "gateway:x")).Problems();

        Assert.Contains(problems, p => p.StartsWith("Alias cycle", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'gatewy'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'nowhere'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Plugins:Models:Fallbacks:gpt4 is not an alias", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("LLM_PROVIDER (Plugins:Models:Provider) = 'lmstudio'", StringComparison.Ordinal));
    }
}
