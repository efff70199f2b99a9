using System.Text;
using System.Text.RegularExpressions;
using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

/// <summary>
/// Seeded random documents built from every construct the renderer knows, nested and left unclosed at random, up to
/// hundreds of kilobytes: whatever comes in, the output is valid Telegram HTML, splits into messages Telegram takes,
/// costs a bounded amount of work, and shows every word of the input.
/// </summary>
public sealed partial class MarkdownFuzzTests
{
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

    private static readonly string[] Pieces =
    [
        "*", "**", "***", "_", "__", "~~", "~", "`", "``", "```\n", "\n```\n", "~~~\n", "[", "]", "](", ")", "![",
        "](https://e.com/p?q=1&r=2)", "](tg://resolve?domain=x)", "](javascript:alert(1))", "<https://e.com/a>", "<", ">",
        "\n", "\n\n", "\n> ", "\n>> ", "\n- ", "\n  - ", "\n1. ", "\n# ", "\n### ", "\n---\n", "\n| a | b |\n|---|---|\n| ",
        " | ", "\\", "\\*", "&", "\"", "'", " ", "  ", "\t", "👍🏽", "\uD83D", "é", "(", "((", "))", "- [ ] ", "- [x] ",
    ];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_documents_render_valid_bounded_and_complete(int seed)
    {
        var random = new Random(seed);
        var size = seed % 10 == 0 ? 300_000 : random.Next(50, 20_000);
        var markdown = Document(random, size, seed % 3 == 0);

        foreach (var partial in new[] { false, true })
        {
            var writer = new HtmlWriter();
            MarkdownBlocks.Render(markdown, writer, partial);
            var html = writer.ToString();

            TelegramHtmlChecker.AssertValid(html);
            Assert.True(writer.InlineCharactersRead <= 4 * markdown.Length, $"seed {seed}: {writer.InlineCharactersRead} characters read for {markdown.Length}");
            Assert.All(MessageSplitter.Split(html), chunk => Assert.InRange(TelegramHtmlChecker.Visible(chunk).Length, 1, 4096));
            if (!partial)
            {
                // An image's address is not shown, so a word that may have landed in one ("](echo") may be missing.
                var (written, shown, addressed) = (WordCounts(markdown), WordCounts(TelegramHtmlChecker.Visible(html)), WordCounts(string.Concat(AddressPattern().Matches(markdown).Select(m => m.Value))));
                var lost = written.Where(w => shown.GetValueOrDefault(w.Key) is var n && (n > w.Value || n < w.Value - addressed.GetValueOrDefault(w.Key)))
                    .Select(w => $"{w.Key}: {w.Value} written, {shown.GetValueOrDefault(w.Key)} shown");
                Assert.True(lost.ToList() is [], $"seed {seed}: {string.Join("; ", lost)}");
            }
        }
    }

    /// <summary>Words and markup at random; with <paramref name="nested"/>, long runs of one opener first, closed later or never.</summary>
    private static string Document(Random random, int size, bool nested)
    {
        var text = new StringBuilder(size + 64);
        var closers = new Stack<string>();
        while (text.Length < size)
        {
            var roll = random.Next(100);
            if (nested && roll < 25)
            {
                var (open, close) = random.Next(4) switch
                {
                    0 => ("![", "](https://e.com/i.png)"),
                    1 => ("[", "](https://e.com)"),
                    2 => ("**", "**"),
                    _ => ("> ", ""),
                };
                text.Append(open);
                closers.Push(close);
            }
            else if (closers.Count > 0 && roll < 35)
            {
                text.Append(closers.Pop());
            }
            else if (roll < 70)
            {
                text.Append(Words[random.Next(Words.Length)]).Append(random.Next(3) == 0 ? "" : " ");
            }
            else
            {
                text.Append(Pieces[random.Next(Pieces.Length)]);
            }
        }

        return text.ToString();
    }

    private static Dictionary<string, int> WordCounts(string text) =>
        WordPattern().Matches(text).GroupBy(m => m.Value).ToDictionary(g => g.Key, g => g.Count());

    [GeneratedRegex("alpha|bravo|charlie|delta|echo|foxtrot|golf|hotel")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\]\s*\(\s*[^\s)]*")]
    private static partial Regex AddressPattern();
}
