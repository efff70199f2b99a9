using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

public sealed class InlineMarkdownTests
{
    [Theory]
    [InlineData("**bold**", "<b>bold</b>")]
    [InlineData("__bold__", "<b>bold</b>")]
    public void Double_stars_or_underscores_make_bold(string markdown, string html) =>
        Assert.Equal(html, Render(markdown));

    [Theory]
    [InlineData("*italic*", "<i>italic</i>")]
    [InlineData("_italic_", "<i>italic</i>")]
    public void Single_stars_or_underscores_make_italics(string markdown, string html) =>
        Assert.Equal(html, Render(markdown));

    [Fact]
    public void Triple_stars_make_bold_italics() => Assert.Equal("<i><b>both</b></i>", Render("***both***"));

    [Fact]
    public void Double_tildes_strike_through() => Assert.Equal("<s>gone</s>, ~5 left", Render("~~gone~~, ~5 left"));

    [Fact]
    public void Snake_case_words_are_not_italics() => Assert.Equal("set max_retry_count to 3", Render("set max_retry_count to 3"));

    [Theory]
    [InlineData("2*3*4 = 24")]
    [InlineData("a*b*c")]
    [InlineData("2 * 3 * 4")]
    public void Arithmetic_stars_are_not_italics(string markdown) => Assert.Equal(markdown, Render(markdown));

    [Fact]
    public void Bold_works_between_letters_of_scripts_without_spaces() => Assert.Equal("这是<b>粗体</b>文字", Render("这是**粗体**文字"));

    [Fact]
    public void Html_special_characters_are_escaped() =>
        Assert.Equal("&lt;script&gt;alert(&quot;x&quot;) &amp; more&lt;/script&gt;", Render("<script>alert(\"x\") & more</script>"));

    [Fact]
    public void Inline_code_is_escaped_and_not_interpreted() =>
        Assert.Equal("use <code>a &lt; b &amp;&amp; **c** _d_</code> here", Render("use `a < b && **c** _d_` here"));

    [Fact]
    public void Double_backtick_code_can_contain_a_backtick() => Assert.Equal("<code>a ` b</code>", Render("`` a ` b ``"));

    [Fact]
    public void An_unclosed_backtick_renders_literally() => Assert.Equal("a `b and <i>c</i>", Render("a `b and *c*"));

    [Theory]
    [InlineData("a ** b")]
    [InlineData("**never closed")]
    [InlineData("closed never**")]
    [InlineData("_half")]
    [InlineData("~~half")]
    [InlineData("**")]
    public void Unbalanced_markers_render_literally(string markdown) => Assert.Equal(markdown, Render(markdown));

    [Fact]
    public void Backslash_escapes_keep_markers_literal() => Assert.Equal("*not italic* and [x]", Render(@"\*not italic\* and \[x\]"));

    [Fact]
    public void Emphasis_does_not_cross_a_code_span() => Assert.Equal("*a <code>b*</code>", Render("*a `b*`"));

    [Fact]
    public void Links_with_web_addresses_become_anchors() =>
        Assert.Equal("see <a href=\"https://example.com/a?b=1&amp;c=2\">the <b>docs</b></a>.", Render("see [the **docs**](https://example.com/a?b=1&c=2)."));

    [Fact]
    public void Parentheses_in_a_link_address_are_balanced() =>
        Assert.Equal("<a href=\"https://en.wikipedia.org/wiki/Mercury_(planet)\">Mercury</a> (planet)", Render("[Mercury](https://en.wikipedia.org/wiki/Mercury_(planet)) (planet)"));

    [Fact]
    public void Quotes_in_a_link_address_are_escaped() =>
        Assert.Equal("<a href=\"https://e.com/?q=&quot;x&quot;&amp;y=%3E\">q</a>", Render("[q](https://e.com/?q=\"x\"&y=%3E)"));

    [Fact]
    public void A_link_title_is_dropped() => Assert.Equal("<a href=\"https://e.com\">e</a>", Render("[e](https://e.com \"The title\")"));

    [Fact]
    public void Plain_http_links_are_allowed() => Assert.Equal("<a href=\"http://e.com\">plain</a>", Render("[plain](http://e.com)"));

    [Theory]
    [InlineData("[bot](tg://resolve?domain=x)", "bot (tg://resolve?domain=x)")]
    [InlineData("[mail](mailto:a@b.c)", "mail (mailto:a@b.c)")]
    [InlineData("<tg://join?invite=x>", "&lt;tg://join?invite=x&gt;")]
    [InlineData("[x](javascript:alert(1))", "x (javascript:alert(1))")]
    [InlineData("[readme](./README.md)", "readme (./README.md)")]
    [InlineData("[](ftp://e.com)", "ftp://e.com")]
    public void Links_to_other_schemes_stay_text(string markdown, string html) => Assert.Equal(html, Render(markdown));

    [Fact]
    public void An_image_becomes_a_link_with_its_alt_text() =>
        Assert.Equal("<a href=\"https://e.com/cat.png\">a cat</a>", Render("![a cat](https://e.com/cat.png)"));

    [Fact]
    public void An_image_inside_a_link_is_its_alt_text() =>
        Assert.Equal("<a href=\"https://ci.e.com\">build passing</a>", Render("[![build passing](https://e.com/badge.svg)](https://ci.e.com)"));

    [Fact]
    public void Code_inside_link_text_is_plain_text() => Assert.Equal("<a href=\"https://e.com\">run x()</a>", Render("[run `x()`](https://e.com)"));

    [Fact]
    public void Angle_bracket_autolinks_become_anchors() =>
        Assert.Equal("at <a href=\"https://e.com/x\">https://e.com/x</a> or &lt;not a link&gt;", Render("at <https://e.com/x> or <not a link>"));

    [Fact]
    public void Brackets_without_an_address_stay_literal() => Assert.Equal("[1] and [x](", Render("[1] and [x]("));

    [Fact]
    public void Emoji_and_right_to_left_text_pass_through() =>
        Assert.Equal("👍🏽 <b>שלום עולם</b> مرحبا 👨‍👩‍👧", Render("👍🏽 **שלום עולם** مرحبا 👨‍👩‍👧"));

    private static string Render(string markdown)
    {
        var html = TelegramHtml.FromMarkdown(markdown);
        TelegramHtmlChecker.AssertValid(html);
        return html;
    }
}
