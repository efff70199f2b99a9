using System.Diagnostics;
using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

/// <summary>Inputs that make naive Markdown parsers quadratic or recurse deeply, at 100 KB each.</summary>
public sealed class PathologicalInputTests
{
    private const int Size = 100_000;

    public static TheoryData<string, string> Inputs() => new()
    {
        { "open brackets", Repeat("[") },
        { "bracket pairs with open parens", Repeat("[a](") },
        { "images without close", Repeat("![x](https://e.com/") },
        { "unmatched stars", Repeat("*a ") },
        { "nested emphasis", Repeat("*a ", Size / 6) + "b" + Repeat(" c*", Size / 6) },
        { "one huge star run", Repeat("*", Size / 2) + "a" + Repeat("*", Size / 2) },
        { "underscores", Repeat("_") },
        { "alternating markers", Repeat("*_~~") },
        { "growing backtick runs", string.Concat(Enumerable.Range(1, 400).Select(n => new string('`', n) + "x")) },
        { "single backticks", Repeat("`a") },
        { "angle brackets", Repeat("<https://e.com/") },
        { "deep quote", Repeat(">") + " text" },
        { "deep quote lines", Repeat("> ", 1000) + "\n" + Repeat("> x\n") },
        { "staircase list", string.Concat(Enumerable.Range(0, 400).Select(n => new string(' ', n) + "- item\n")) },
        { "many fences", Repeat("```\n") },
        { "backslashes", Repeat("\\") },
        { "table rows", "a|b\n-|-\n" + Repeat("|x|y|\n") },
        { "ampersands and quotes", Repeat("&\"<>") },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Rendering_and_splitting_stay_fast_and_valid(string name, string markdown)
    {
        var clock = Stopwatch.StartNew();
        var html = TelegramHtml.FromMarkdown(markdown);
        var partial = TelegramHtml.FromMarkdown(markdown, partial: true);
        var chunks = MessageSplitter.Split(html);
        clock.Stop();

        // A safety net against a blow-up (quadratic or worse takes minutes here), not a speed test: those are in benchmarks/.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{name} took {clock.Elapsed}");
        TelegramHtmlChecker.AssertValid(html);
        TelegramHtmlChecker.AssertValid(partial);
        Assert.All(chunks, chunk => Assert.InRange(TelegramHtmlChecker.Visible(chunk).Length, 1, 4096));
    }

    private static string Repeat(string unit, int size = Size) =>
        string.Concat(Enumerable.Repeat(unit, Math.Max(1, size / unit.Length)));
}
