using System.Text;
using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Tests.Pricing;

public sealed class PriceFileParserTests
{
    // Trimmed from LiteLLM's model_prices_and_context_window.json, fields as LiteLLM writes them.
    private const string LiteLlmSample = """
        {
            "sample_spec": {
                "input_cost_per_token": 0.0,
                "litellm_provider": "one of https://docs.litellm.ai/docs/providers",
                "max_input_tokens": "max input tokens, if the provider specifies it. if not default to max_tokens",
                "mode": "one of: chat, embedding, completion, image_generation, audio_transcription, audio_speech",
                "output_cost_per_token": 0.0,
                "supports_vision": true
            },
            "1024-x-1024/dall-e-2": {
                "input_cost_per_pixel": 1.9e-08,
                "litellm_provider": "openai",
                "mode": "image_generation",
                "output_cost_per_pixel": 0.0
            },
            "claude-sonnet-4-5": {
                "cache_creation_input_token_cost": 3.75e-06,
                "cache_creation_input_token_cost_above_1hr": 6e-06,
                "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05,
                "cache_read_input_token_cost": 3e-07,
                "input_cost_per_token": 3e-06,
                "input_cost_per_token_above_200k_tokens": 6e-06,
                "output_cost_per_token_above_200k_tokens": 2.25e-05,
                "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06,
                "cache_read_input_token_cost_above_200k_tokens": 6e-07,
                "litellm_provider": "anthropic",
                "max_input_tokens": 200000,
                "max_output_tokens": 64000,
                "max_tokens": 64000,
                "mode": "chat",
                "output_cost_per_token": 1.5e-05,
                "search_context_cost_per_query": {
                    "search_context_size_high": 0.01,
                    "search_context_size_low": 0.01,
                    "search_context_size_medium": 0.01
                },
                "supports_vision": true
            },
            "gpt-4o": {
                "cache_read_input_token_cost": 1.25e-06,
                "cache_read_input_token_cost_priority": 2.125e-06,
                "input_cost_per_token": 2.5e-06,
                "input_cost_per_token_batches": 1.25e-06,
                "input_cost_per_token_priority": 4.25e-06,
                "litellm_provider": "openai",
                "max_input_tokens": 128000,
                "max_output_tokens": 16384,
                "mode": "chat",
                "output_cost_per_token": 1e-05,
                "supported_endpoints": ["/v1/chat/completions", "/v1/batch"]
            },
            "o3-mini": {
                "input_cost_per_token": 1.1e-06,
                "output_cost_per_token": 4.4e-06,
                "output_cost_per_reasoning_token": 5e-06,
                "litellm_provider": "openai",
                "mode": "chat"
            },
            "gemini-1.5-pro": {
                "input_cost_per_token": 1.25e-06,
                "input_cost_per_token_above_128k_tokens": 2.5e-06,
                "output_cost_per_token": 5e-06,
                "output_cost_per_token_above_128k_tokens": 1e-05,
                "litellm_provider": "vertex_ai-language-models",
                "mode": "chat"
            },
            "text-embedding-3-small": {
                "input_cost_per_token": 2e-08,
                "litellm_provider": "openai",
                "mode": "embedding",
                "output_vector_size": 1536
            },
            "priced-elsewhere": {
                "input_cost_per_token": null,
                "output_cost_per_token": 1e-05
            }
        }
        """;

    [Fact]
    public void A_LiteLlm_shaped_file_loads_its_per_token_entries_and_skips_the_rest()
    {
        var table = Loaded(LiteLlmSample);

        Assert.Equal(["claude-sonnet-4-5", "gemini-1.5-pro", "gpt-4o", "o3-mini", "text-embedding-3-small"], table.Prices.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Base_rates_tiers_and_limits_are_read_exactly()
    {
        var claude = Loaded(LiteLlmSample).Prices["claude-sonnet-4-5"];

        Assert.Equal(new TokenRates(0.000003m, 0.000015m, 0.0000003m, 0.00000375m), claude.Rates);
        var tier = Assert.Single(claude.Tiers);
        Assert.Equal(new PriceTier(200_000, 0.000006m, 0.0000225m, 0.0000006m, 0.0000075m, null), tier);
        Assert.Equal(200_000, claude.MaxInputTokens);
        Assert.Equal(64_000, claude.MaxOutputTokens);
        Assert.Equal("anthropic", claude.Provider);
    }

    [Fact]
    public void Batch_priority_and_one_hour_cache_prices_are_not_mistaken_for_standard_ones()
    {
        var table = Loaded(LiteLlmSample);

        Assert.Equal(new TokenRates(0.0000025m, 0.00001m, 0.00000125m), table.Prices["gpt-4o"].Rates);
        Assert.Empty(table.Prices["gpt-4o"].Tiers);
        Assert.Equal(0.00000375m, table.Prices["claude-sonnet-4-5"].Rates.CacheWrite);
    }

    [Fact]
    public void Reasoning_rates_tiers_of_any_size_and_missing_output_prices_are_understood()
    {
        var table = Loaded(LiteLlmSample);

        Assert.Equal(0.000005m, table.Prices["o3-mini"].Rates.Reasoning);
        Assert.Equal(new PriceTier(128_000, 0.0000025m, 0.00001m, null, null, null), Assert.Single(table.Prices["gemini-1.5-pro"].Tiers));
        Assert.Equal(new TokenRates(0.00000002m, 0m), table.Prices["text-embedding-3-small"].Rates);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_the_documentation_entry_gives_the_date()
    {
        var table = Loaded("""
            {
              "_about": { "updated": "2026-11-26", "source": "price pages" },
              "GPT-4o": { "input_cost_per_token": 2.5e-06, "output_cost_per_token": 1e-05 }
            }
            """);

        Assert.True(table.Prices.ContainsKey("gpt-4o"));
        Assert.Equal("2026-11-26", table.Updated);
    }

    [Fact]
    public void Invalid_json_is_refused_with_the_line_at_fault()
    {
        var error = Refused("""
            {
              "a": {
                "input_cost_per_token": 1e-06,
                "output_cost_per_token": 2e-06
              }
              "b": { "input_cost_per_token": 1e-06 }
            }
            """);

        Assert.StartsWith("prices.json line 6: not valid JSON (", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_string_where_a_price_belongs_is_refused_with_its_line()
    {
        var error = Refused("""
            {
              "gpt-x": {
                "output_cost_per_token": 2e-06,
                "input_cost_per_token": "abc"
              }
            }
            """);

        Assert.Equal("prices.json line 4: \"input_cost_per_token\" of \"gpt-x\" must be a number, not \"abc\"", error);
    }

    [Fact]
    public void A_negative_price_is_refused_with_its_line()
    {
        var error = Refused("""
            {
              "gpt-x": { "input_cost_per_token": 1e-06, "output_cost_per_token": 1e-06 },
              "gpt-y": {
                "input_cost_per_token": 1e-06,
                "cache_read_input_token_cost_above_200k_tokens": -1e-07
              }
            }
            """);

        Assert.Equal("prices.json line 5: \"cache_read_input_token_cost_above_200k_tokens\" of \"gpt-y\" must not be negative (-1e-07)", error);
    }

    [Theory]
    [InlineData("", "prices.json line 1: the file is empty; it must be a JSON object of model name → prices")]
    [InlineData("[\n  {}\n]", "prices.json line 1: the file must be a JSON object of model name → prices, not a list")]
    [InlineData("{\n  \"gpt-x\": 3\n}", "prices.json line 2: \"gpt-x\" must be an object of prices, not 3")]
    [InlineData("{\n  \"gpt-x\": { \"input_cost_per_token\": true }\n}", "prices.json line 2: \"input_cost_per_token\" of \"gpt-x\" must be a number, not true")]
    public void A_file_of_the_wrong_shape_is_refused(string json, string expected)
    {
        Assert.Equal(expected, Refused(json));
    }

    [Fact]
    public void Anything_after_the_object_is_refused()
    {
        Assert.StartsWith("prices.json line 3: not valid JSON", Refused("{\n}\n{}"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_byte_order_mark_and_comments_are_tolerated()
    {
        var json = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""
            // prices for our gateway
            { "m": { "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, } }
            """)).ToArray();

        var result = Assert.IsType<PriceFileResult.Loaded>(PriceFileParser.Parse(json, "prices.json"));

        Assert.Equal(new TokenRates(0.000001m, 0.000002m), result.Table.Prices["m"].Rates);
    }

    private static PriceTable Loaded(string json) =>
        Assert.IsType<PriceFileResult.Loaded>(PriceFileParser.Parse(Encoding.UTF8.GetBytes(json), "prices.json")).Table;

    private static string Refused(string json) =>
        Assert.IsType<PriceFileResult.Failed>(PriceFileParser.Parse(Encoding.UTF8.GetBytes(json), "prices.json")).Error;
}
