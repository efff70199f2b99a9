using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace PluginBot.Plugins.Costs.Estimates;

/// <summary>A prompt's size in tokens.</summary>
/// <param name="Tokens">The count.</param>
/// <param name="Approximate">True when another model's tokenizer stood in, or a long text was sampled.</param>
internal readonly record struct TokenCount(long Tokens, bool Approximate);

/// <summary>
/// Counts tokens with OpenAI's tokenizers: o200k for GPT-4o, GPT-4.1, GPT-5 and the o-series, cl100k for GPT-4 and
/// GPT-3.5. Every other family (Claude, Gemini, Llama, ...) is counted with o200k and flagged approximate, which is
/// close enough for an estimate. Texts over <see cref="ExactLimitChars"/> are counted on samples and extrapolated.
/// </summary>
internal static partial class TokenCounter
{
    /// <summary>Longer texts are sampled: a tokenizer needs about a second per few megabytes of ordinary text.</summary>
    public const int ExactLimitChars = 200_000;

    // Byte-pair merging is quadratic in a word's length: a megabyte without spaces would take minutes whole.
    private const int ChunkChars = 2_000;
    private const int Samples = 4;

    // Creating a tokenizer loads its whole vocabulary (a third of a second): once per process, on first use.
    private static readonly Lazy<Tokenizer> O200k = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> Cl100k = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    public static TokenCount Count(string model, string text)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(text);
        var (tokenizer, exact) = TokenizerFor(model);
        if (text.Length <= ExactLimitChars)
        {
            return new TokenCount(CountInChunks(tokenizer.Value, text), !exact);
        }

        return new TokenCount(Extrapolate(tokenizer.Value, text), true);
    }

    /// <summary>The encoding used for a model (its last path segment decides) and whether it is the model's own.</summary>
    internal static (string Encoding, bool Exact) EncodingFor(string model)
    {
        var (tokenizer, exact) = TokenizerFor(model);
        return (ReferenceEquals(tokenizer, Cl100k) ? "cl100k_base" : "o200k_base", exact);
    }

    private static (Lazy<Tokenizer> Tokenizer, bool Exact) TokenizerFor(string model)
    {
        var name = model.Trim();
        name = name[(name.LastIndexOf('/') + 1)..];
        return O200kModel().IsMatch(name) ? (O200k, true)
            : Cl100kModel().IsMatch(name) ? (Cl100k, true)
            : (O200k, false);
    }

    private static long Extrapolate(Tokenizer tokenizer, string text)
    {
        // Samples spread over the text, so a long prompt mixing prose and code is weighed by both.
        var window = ExactLimitChars / Samples;
        long tokens = 0, chars = 0;
        for (var i = 0; i < Samples; i++)
        {
            var start = (int)((long)(text.Length - window) * i / (Samples - 1));
            if (char.IsLowSurrogate(text[start]))
            {
                start++;
            }

            var sample = text.AsSpan(start, Math.Min(window, text.Length - start));
            tokens += CountInChunks(tokenizer, sample);
            chars += sample.Length;
        }

        return (long)Math.Round((double)tokens * text.Length / chars, MidpointRounding.AwayFromZero);
    }

    private static long CountInChunks(Tokenizer tokenizer, ReadOnlySpan<char> text)
    {
        long tokens = 0;
        while (text.Length > ChunkChars)
        {
            var cut = CutPoint(text);
            tokens += tokenizer.CountTokens(text[..cut]);
            text = text[cut..];
        }

        return tokens + tokenizer.CountTokens(text);
    }

    /// <summary>
    /// Where to end a chunk: before a space that follows a letter or digit, where the tokenizer would split the text
    /// anyway, so the count is the same as for the whole text; if there is none, anywhere but inside a surrogate pair.
    /// </summary>
    private static int CutPoint(ReadOnlySpan<char> text)
    {
        for (var i = ChunkChars; i > ChunkChars / 2; i--)
        {
            if (text[i] == ' ' && char.IsLetterOrDigit(text[i - 1]))
            {
                return i;
            }
        }

        return char.IsLowSurrogate(text[ChunkChars]) ? ChunkChars - 1 : ChunkChars;
    }

    [GeneratedRegex(@"^(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|gpt-oss|o[1-9](?:-|$)|codex-)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex O200kModel();

    [GeneratedRegex(@"^(?:gpt-4|gpt-3\.5|text-embedding-3|text-embedding-ada-002)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Cl100kModel();
}
