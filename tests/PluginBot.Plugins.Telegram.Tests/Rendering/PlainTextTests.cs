using PluginBot.Plugins.Telegram.Rendering;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

public sealed class PlainTextTests
{
    [Fact]
    public void Escape_replaces_the_characters_telegram_parses() =>
        Assert.Equal("a &lt;b&gt; &amp; &quot;c&quot; * _ `", TelegramHtml.Escape("a <b> & \"c\" * _ `"));

    [Fact]
    public void Escape_returns_text_without_special_characters_as_is()
    {
        const string Text = "plain text, nothing to escape";
        Assert.Same(Text, TelegramHtml.Escape(Text));
    }

    [Fact]
    public void Escape_replaces_a_lone_surrogate() => Assert.Equal("a\uFFFDb", TelegramHtml.Escape("a\uD83Db"));

    [Fact]
    public void Plain_text_drops_tags_and_decodes_entities() =>
        Assert.Equal("bold <b> & \"x\" ©", TelegramHtml.ToPlainText("<b>bold</b> &lt;b&gt; &amp; &quot;x&quot; &#169;"));

    [Fact]
    public void Plain_text_of_a_rendering_is_its_visible_text()
    {
        var html = TelegramHtml.FromMarkdown(MessageSplitterTests.LargeMarkdown(5_000));
        Assert.Equal(TelegramHtmlChecker.Visible(html), TelegramHtml.ToPlainText(html));
    }

    [Fact]
    public void Plain_text_keeps_a_stray_angle_bracket() => Assert.Equal("a < b", TelegramHtml.ToPlainText("a < b"));

    [Fact]
    public void Escaped_text_round_trips_through_plain_text()
    {
        const string Text = "if (a < b && c > \"d\") { return '&amp;'; } 😀";
        Assert.Equal(Text, TelegramHtml.ToPlainText(TelegramHtml.Escape(Text)));
    }
}
