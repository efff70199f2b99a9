using System.Text;
using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

public sealed class MessageSplitterTests
{
    [Fact]
    public void Text_within_the_limit_is_one_unchanged_chunk() =>
        Assert.Equal(["<b>hi</b> there"], MessageSplitter.Split("<b>hi</b> there"));

    [Fact]
    public void Entities_count_as_one_character() =>
        Assert.Single(MessageSplitter.Split(string.Concat(Enumerable.Repeat("&lt;&amp;", 2048))));

    [Fact]
    public void Tags_do_not_count_toward_the_limit() =>
        Assert.Single(MessageSplitter.Split(string.Concat(Enumerable.Repeat("<b>ab</b>", 2048))));

    [Fact]
    public void A_paragraph_break_is_preferred_over_a_later_line_break()
    {
        var html = new string('a', 60) + "\n\n" + new string('b', 20) + "\n" + new string('c', 30);
        Assert.Equal([new string('a', 60), new string('b', 20) + "\n" + new string('c', 30)], Split(html, 100));
    }

    [Fact]
    public void A_line_break_is_preferred_over_a_space()
    {
        var chunks = Split("aaaa bbbb\ncccc dddd eeee", 20);
        Assert.Equal(["aaaa bbbb", "cccc dddd eeee"], chunks);
    }

    [Fact]
    public void A_sentence_end_is_preferred_over_a_later_space() =>
        Assert.Equal(["One two three.", "Four five six seven"], Split("One two three. Four five six seven", 24));

    [Fact]
    public void Words_are_not_cut_when_there_is_a_space() =>
        Assert.Equal(["alpha beta gamma", "delta epsilon"], Split("alpha beta gamma delta epsilon", 20));

    [Fact]
    public void Text_without_spaces_is_cut_hard_at_the_limit() =>
        Assert.Equal(["abcdefghij", "klmnopqrst", "uvwxyz"], Split("abcdefghijklmnopqrstuvwxyz", 10));

    [Fact]
    public void An_entity_is_never_cut() =>
        Assert.Equal(["aaaaaaaa&lt;", "&amp;bbb"], Split("aaaaaaaa&lt;&amp;bbb", 9));

    [Fact]
    public void A_surrogate_pair_is_never_cut()
    {
        var chunks = Split(string.Concat(Enumerable.Repeat("😀", 10)), 5);
        Assert.All(chunks, chunk => Assert.Equal("😀😀", chunk));
    }

    [Fact]
    public void Tags_open_at_a_cut_are_closed_and_reopened_with_their_attributes() =>
        Assert.Equal(
            ["<blockquote><a href=\"https://e.com\"><b>aaaa bbbb</b></a></blockquote>", "<blockquote><a href=\"https://e.com\"><b>cccc</b></a></blockquote>"],
            Split("<blockquote><a href=\"https://e.com\"><b>aaaa bbbb cccc</b></a></blockquote>", 10));

    [Fact]
    public void A_long_code_block_keeps_its_language_in_every_chunk()
    {
        var code = string.Join('\n', Enumerable.Range(0, 1000).Select(i => $"Console.WriteLine({i} < {i + 1});"));
        var chunks = MessageSplitter.Split(TelegramHtml.FromMarkdown("```cs\n" + code + "\n```"));

        Assert.True(chunks.Count > 1);
        Assert.All(chunks, chunk =>
        {
            Assert.StartsWith("<pre><code class=\"language-cs\">Console.WriteLine(", chunk, StringComparison.Ordinal);
            Assert.EndsWith(");</code></pre>", chunk, StringComparison.Ordinal);
            Assert.InRange(TelegramHtmlChecker.Visible(chunk).Length, 1, 4096);
        });
        Assert.Equal(code, string.Join('\n', chunks.Select(TelegramHtmlChecker.Visible)));
    }

    [Fact]
    public void Blank_lines_at_chunk_edges_are_dropped_but_indentation_is_kept() =>
        Assert.Equal(["<pre>aaaa</pre>", "<pre>  bb</pre>"], Split("<pre>aaaa\n\n\n  bb\n\n</pre>", 6));

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    [InlineData("<b> </b>\n\n<i>\n</i>")]
    public void Whitespace_only_input_gives_no_chunks(string html) => Assert.Empty(MessageSplitter.Split(html));

    [Fact]
    public void No_chunk_is_empty_or_whitespace()
    {
        var html = string.Concat(Enumerable.Repeat("word  \n\n\n   \n<b>  </b>", 400));
        Assert.All(Split(html, 7), chunk => Assert.False(string.IsNullOrWhiteSpace(TelegramHtmlChecker.Visible(chunk))));
    }

    [Fact]
    public void A_hundred_kilobytes_of_markdown_splits_into_valid_chunks_with_all_the_text()
    {
        var markdown = LargeMarkdown(100_000);
        var html = TelegramHtml.FromMarkdown(markdown);
        var chunks = MessageSplitter.Split(html);

        var visible = TelegramHtmlChecker.Visible(html);
        Assert.InRange(chunks.Count, (visible.Length / 4096) + 1, (visible.Length / 2048) + 1);
        Assert.All(chunks, chunk => Assert.InRange(TelegramHtmlChecker.Visible(chunk).Length, 1, 4096));
        AssertSameTextExceptBoundaryWhitespace(visible, chunks.Select(TelegramHtmlChecker.Visible));
    }

    internal static string LargeMarkdown(int size)
    {
        string[] parts =
        [
            "## Section with `code` & <tags>\n\n",
            "Some **bold** text, _italic_, snake_case_name and 2*3*4. A [link](https://e.com/a_(b)) here! Emoji 👍🏽 and עברית.\n",
            "- item one\n  - nested *item*\n1. first\n2. second\n\n",
            "> quoted **text** with \"quotes\"\n\n",
            "```python\ndef f(x):\n    return x < 2 and x > 0  # **not bold**\n```\n\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
            "Unbalanced ** and ` and _ markers stay.\n\n",
        ];
        var text = new StringBuilder(size + 200);
        for (var i = 0; text.Length < size; i++)
        {
            _ = text.Append(parts[i % parts.Length]);
        }

        return text.ToString();
    }

    private static void AssertSameTextExceptBoundaryWhitespace(string original, IEnumerable<string> chunks)
    {
        var position = 0;
        foreach (var chunk in chunks)
        {
            var found = original.IndexOf(chunk, position, StringComparison.Ordinal);
            Assert.True(found >= 0, "a chunk's text is not the next part of the original");
            Assert.True(string.IsNullOrWhiteSpace(original[position..found]), "text was lost between chunks");
            position = found + chunk.Length;
        }

        Assert.True(string.IsNullOrWhiteSpace(original[position..]), "text was lost at the end");
    }

    private static string[] Split(string html, int limit)
    {
        var chunks = MessageSplitter.Split(html, limit).ToArray();
        Assert.All(chunks, chunk => Assert.InRange(TelegramHtmlChecker.Visible(chunk).Length, 1, limit));
        return chunks;
    }
}
