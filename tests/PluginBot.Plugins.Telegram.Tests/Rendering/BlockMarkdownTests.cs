using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

public sealed class BlockMarkdownTests
{
    [Fact]
    public void Headings_become_bold_lines() =>
        Assert.Equal("<b>Title</b>\n\n<b>Sub <i>title</i></b>\ntext", Render("# Title\n\n### Sub *title* ###\ntext"));

    [Fact]
    public void A_hash_without_a_space_is_not_a_heading() => Assert.Equal("#hashtag", Render("#hashtag"));

    [Fact]
    public void Bullet_lists_use_bullets_for_every_marker() =>
        Assert.Equal("• one\n• <b>two</b>\n• three", Render("- one\n* **two**\n+ three"));

    [Fact]
    public void Nested_lists_are_indented_by_level() =>
        Assert.Equal("• a\n   • b\n      • c\n   • d\n• e", Render("- a\n  - b\n    - c\n  - d\n- e"));

    [Fact]
    public void Ordered_lists_keep_their_numbers() =>
        Assert.Equal("1. first\n2. second\n   • inner\n10) tenth", Render("1. first\n2. second\n   - inner\n10) tenth"));

    [Fact]
    public void Task_list_items_show_checkboxes() => Assert.Equal("☐ todo\n☑ done", Render("- [ ] todo\n- [x] done"));

    [Fact]
    public void A_list_item_continues_on_the_next_line() => Assert.Equal("• first <b>line\n  second</b> line", Render("- first **line\nsecond** line"));

    [Fact]
    public void Quotes_become_blockquotes() =>
        Assert.Equal("<blockquote>quoted <b>bold</b>\nsecond line</blockquote>\nafter", Render("> quoted **bold**\n> second line\nafter"));

    [Fact]
    public void Nested_quotes_are_flattened_into_one_blockquote() =>
        Assert.Equal("<blockquote>outer\ninner</blockquote>", Render("> outer\n> > inner"));

    [Fact]
    public void A_code_block_inside_a_quote_stays_code() =>
        Assert.Equal("<blockquote>run:\n<pre>ls &lt;dir&gt;</pre></blockquote>", Render("> run:\n> ```\n> ls <dir>\n> ```"));

    [Theory]
    [InlineData("---")]
    [InlineData("***")]
    [InlineData("_ _ _")]
    public void Horizontal_rules_become_a_line_of_dashes(string markdown) =>
        Assert.Equal("a\n——————————\nb", Render("a\n" + markdown + "\nb").Replace("\n\n", "\n", StringComparison.Ordinal));

    [Fact]
    public void Fenced_code_keeps_its_language() =>
        Assert.Equal("<pre><code class=\"language-csharp\">var x = a &lt; b &amp;&amp; c;</code></pre>", Render("```csharp\nvar x = a < b && c;\n```"));

    [Fact]
    public void Fenced_code_without_a_language_is_a_plain_pre() => Assert.Equal("<pre>plain</pre>", Render("```\nplain\n```"));

    [Fact]
    public void Markdown_inside_code_blocks_is_not_interpreted() =>
        Assert.Equal("<pre>**not bold** _x_ [l](https://e.com) `y`\n# not a heading\n- not a list</pre>", Render("~~~\n**not bold** _x_ [l](https://e.com) `y`\n# not a heading\n- not a list\n~~~"));

    [Fact]
    public void A_fence_with_more_backticks_can_contain_shorter_fences() =>
        Assert.Equal("<pre><code class=\"language-md\">```js\nx\n```</code></pre>", Render("````md\n```js\nx\n```\n````"));

    [Fact]
    public void Languages_with_symbols_are_kept_and_unsafe_characters_dropped() =>
        Assert.Equal("<pre><code class=\"language-c#\">x</code></pre>\n<pre><code class=\"language-scriptalert\">y</code></pre>", Render("```c#\nx\n```\n```\"><script>alert\ny\n```"));

    [Fact]
    public void A_fence_indented_under_a_list_item_is_code() =>
        Assert.Equal("1. Install:\n<pre><code class=\"language-bash\">npm i\n  --save</code></pre>\n2. Run", Render("1. Install:\n   ```bash\n   npm i\n     --save\n   ```\n2. Run"));

    [Fact]
    public void An_unclosed_fence_runs_to_the_end_as_code() => Assert.Equal("text\n<pre><code class=\"language-py\">x = 1</code></pre>", Render("text\n```py\nx = 1"));

    [Fact]
    public void Tables_become_aligned_monospace_text() =>
        Assert.Equal("<pre>Name  | Age\n------|----\nAlice | 30\nBo    | 7</pre>", Render("| Name | Age |\n|---|---:|\n| Alice | 30 |\n| Bo | 7 |"));

    [Fact]
    public void Escaped_pipes_stay_inside_a_table_cell() =>
        Assert.Equal("<pre>op  | means\n----|------\na|b | or</pre>", Render("op | means\n--|--\na\\|b | or"));

    [Fact]
    public void Blank_lines_between_paragraphs_collapse_to_one() => Assert.Equal("one\ntwo\n\nthree", Render("\n\none\ntwo\n\n\n\nthree\n\n"));

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n \t")]
    public void Empty_input_renders_nothing(string markdown) => Assert.Equal("", Render(markdown));

    [Fact]
    public void Windows_line_endings_are_handled() => Assert.Equal("<b>a</b>\n• b", Render("# a\r\n- b\r\n"));

    private static string Render(string markdown)
    {
        var html = TelegramHtml.FromMarkdown(markdown);
        TelegramHtmlChecker.AssertValid(html);
        return html;
    }
}
