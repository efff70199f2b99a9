using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

/// <summary>
/// Inputs that make naive Markdown parsers quadratic or recurse deeply. Time is not measured here (that is the
/// renderer benchmark's job); the renderer counts the characters its inline passes read, which must stay a small
/// multiple of the input whatever its shape, and nesting must never reach the stack's depth.
/// </summary>
public sealed class PathologicalInputTests
{
    private const int Size = 100_000;

    /// <summary>Each input character is read by the block pass, at most twice by nested inline passes, and once to write it.</summary>
    private const int WorkPerCharacter = 4;

    public static TheoryData<string, string> Inputs() => new()
    {
        { "open brackets", Repeat("[") },
        { "bracket pairs with open parens", Repeat("[a](") },
        { "images without close", Repeat("![x](https://e.com/") },
        { "nested images", Nest("![", "](https://e.com/i.png)", 260_000) },
        { "nested images in a link", "[" + Nest("![", "](https://e.com/i.png)", Size) + "](https://e.com)" },
        { "nested links to other schemes", Nest("[", "](tg://x)", Size) },
        { "nested images to other schemes", Nest("![", "](javascript:x)", Size) },
        { "nested brackets with emphasis", Nest("[*", "*](https://e.com)", Size) },
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
    public void Rendering_reads_each_character_a_bounded_number_of_times_and_stays_valid(string name, string markdown)
    {
        foreach (var partial in new[] { false, true })
        {
            var writer = new HtmlWriter();
            MarkdownBlocks.Render(markdown, writer, partial);
            var html = writer.ToString();

            Assert.True(writer.InlineCharactersRead <= WorkPerCharacter * markdown.Length, $"{name}: {writer.InlineCharactersRead} characters read for {markdown.Length}");
            TelegramHtmlChecker.AssertValid(html);
            Assert.All(MessageSplitter.Split(html), chunk => Assert.InRange(TelegramHtmlChecker.Visible(chunk).Length, 1, 4096));
        }
    }

    private static string Repeat(string unit, int size = Size) =>
        string.Concat(Enumerable.Repeat(unit, Math.Max(1, size / unit.Length)));

    /// <summary><paramref name="open"/> n times, a word, then <paramref name="close"/> n times, about <paramref name="size"/> characters in all.</summary>
    private static string Nest(string open, string close, int size)
    {
        var depth = size / (open.Length + close.Length);
        return Repeat(open, depth * open.Length) + "x" + Repeat(close, depth * close.Length);
    }
}
