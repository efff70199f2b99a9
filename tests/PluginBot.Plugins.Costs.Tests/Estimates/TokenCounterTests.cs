using System.Text;
using Microsoft.ML.Tokenizers;
using PluginBot.Plugins.Costs.Estimates;

namespace PluginBot.Plugins.Costs.Tests.Estimates;

public sealed class TokenCounterTests
{
    [Fact]
    public void Hello_world_is_two_o200k_tokens_for_gpt_4o()
    {
        Assert.Equal(new TokenCount(2, Approximate: false), TokenCounter.Count("gpt-4o", "hello world"));
    }

    [Fact]
    public void Claude_is_counted_with_o200k_and_flagged_approximate()
    {
        Assert.Equal(new TokenCount(2, Approximate: true), TokenCounter.Count("anthropic/claude-sonnet-4-5", "hello world"));
    }

    [Theory]
    [InlineData("gpt-4o-mini", "o200k_base", true)]
    [InlineData("openai/gpt-4.1-nano", "o200k_base", true)]
    [InlineData("gpt-5-mini", "o200k_base", true)]
    [InlineData("o3", "o200k_base", true)]
    [InlineData("o4-mini", "o200k_base", true)]
    [InlineData("gpt-4-turbo", "cl100k_base", true)]
    [InlineData("gpt-3.5-turbo", "cl100k_base", true)]
    [InlineData("claude-3-5-haiku", "o200k_base", false)]
    [InlineData("gemini/gemini-2.5-pro", "o200k_base", false)]
    [InlineData("llama3.1:8b", "o200k_base", false)]
    [InlineData("ollama-model", "o200k_base", false)]
    public void Each_family_gets_its_encoding(string model, string encoding, bool exact)
    {
        Assert.Equal((encoding, exact), TokenCounter.EncodingFor(model));
    }

    [Fact]
    public void Gpt_4_is_counted_with_cl100k()
    {
        const string text = "Привет! Сколько стоит этот запрос? こんにちは、世界。";
        var cl100k = TiktokenTokenizer.CreateForEncoding("cl100k_base").CountTokens(text);
        Assert.NotEqual(TokenCounter.Count("gpt-4o", text).Tokens, cl100k);

        Assert.Equal(new TokenCount(cl100k, Approximate: false), TokenCounter.Count("gpt-4", text));
    }

    [Fact]
    public void Counting_in_chunks_gives_the_same_count_as_the_whole_text()
    {
        var text = Prose(150_000);

        var direct = TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text);

        Assert.Equal(new TokenCount(direct, Approximate: false), TokenCounter.Count("gpt-5", text));
    }

    [Fact]
    public void Megabytes_are_sampled_and_flagged_approximate_within_two_percent()
    {
        var text = Prose(3_000_000);
        var direct = TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(text);

        var count = TokenCounter.Count("gpt-4o", text);

        Assert.True(count.Approximate);
        Assert.InRange(count.Tokens, direct * 0.98, direct * 1.02);
    }

    [Fact]
    public void A_megabyte_without_spaces_is_counted_in_bounded_time()
    {
        // Whole, byte-pair merging of one million-character word would take hours; in chunks it is 8 letters a token.
        var count = TokenCounter.Count("gpt-4o", new string('a', 1_000_000));

        Assert.Equal(new TokenCount(125_000, Approximate: true), count);
    }

    private static string Prose(int length)
    {
        string[] words = ["the", "price", "of", "tokens", "rises", "when", "prompts", "grow", "longer", "and", "answers", "ramble", "cache", "hits", "are", "cheap", "42", "models", "reason", "carefully", "Quickly,", "budget;", "(estimate)", "naïve", "café"];
        var random = new Random(7);
        var text = new StringBuilder(length + 20);
        while (text.Length < length)
        {
            text.Append(words[random.Next(words.Length)]).Append(random.Next(12) == 0 ? ".\n" : " ");
        }

        return text.ToString(0, length);
    }
}
