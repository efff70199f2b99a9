using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

public sealed class PartialMarkdownTests
{
    private const string Answer = """
        # Plan

        Here is **the fix** for `Parse()` and _why_ it works:

        1. Read the [docs](https://example.com/a_(b)).
        2. Apply:

           ```csharp
           if (a < b && c > d) { Console.WriteLine("**x**"); }
           ```

        > Note: ~~old~~ new *behaviour*
        > > nested

        | A | B |
        |---|---|
        | 1 | 2 |

        Done — 2*3*4 = 24, snake_case_name stays. 👍🏽
        """;

    [Fact]
    public void A_half_streamed_fence_renders_as_an_open_code_block() =>
        Assert.Equal("Look:\n<pre><code class=\"language-python\">def f():\n    return 1 &lt; 2</code></pre>", Partial("Look:\n```python\ndef f():\n    return 1 < 2"));

    [Fact]
    public void A_closing_fence_being_typed_is_not_shown_as_code() =>
        Assert.Equal("<pre><code class=\"language-js\">x()</code></pre>", Partial("```js\nx()\n``"));

    [Fact]
    public void A_fence_with_no_code_yet_renders_nothing_of_it() => Assert.Equal("Look:", Partial("Look:\n```python"));

    [Theory]
    [InlineData("so **bo")]
    [InlineData("so **bold*")]
    [InlineData("so **bold**")]
    [InlineData("so _it")]
    [InlineData("so ~~gone~")]
    [InlineData("see [the docs](https://exa")]
    [InlineData("run `co")]
    public void A_trailing_partial_marker_stays_literal(string markdown) => Assert.Equal(markdown, Partial(markdown));

    [Fact]
    public void Formatting_closed_before_the_end_is_rendered() => Assert.Equal("<b>bold</b> and mo", Partial("**bold** and mo"));

    [Fact]
    public void The_final_render_formats_what_the_partial_one_kept_literal() =>
        Assert.Equal("so <b>bold</b>", TelegramHtml.FromMarkdown("so **bold**"));

    [Fact]
    public void Every_prefix_of_an_answer_renders_valid_html()
    {
        for (var length = 0; length <= Answer.Length; length++)
        {
            TelegramHtmlChecker.AssertValid(TelegramHtml.FromMarkdown(Answer[..length], partial: true));
        }
    }

    [Fact]
    public void Bold_once_shown_while_streaming_stays_bold()
    {
        // "the fix" is bold from the prefix that closes it on; no later prefix may turn it back into stars.
        var closedAt = Answer.IndexOf("**the fix**", StringComparison.Ordinal) + "**the fix**".Length + 1;
        for (var length = closedAt; length <= Answer.Length; length++)
        {
            Assert.Contains("<b>the fix</b>", TelegramHtml.FromMarkdown(Answer[..length], partial: true), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_complete_text_renders_the_same_partial_or_not_when_it_ends_in_plain_text() =>
        Assert.Equal(TelegramHtml.FromMarkdown(Answer), TelegramHtml.FromMarkdown(Answer, partial: true));

    private static string Partial(string markdown)
    {
        var html = TelegramHtml.FromMarkdown(markdown, partial: true);
        TelegramHtmlChecker.AssertValid(html);
        return html;
    }
}
