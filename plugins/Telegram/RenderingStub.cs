namespace PluginBot.Plugins.Telegram.Rendering;

internal static class TelegramHtml
{
    public static string FromMarkdown(string markdown, bool partial = false) => Escape(markdown);

    public static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    public static string ToPlainText(string html) => System.Net.WebUtility.HtmlDecode(html);
}

internal static class MessageSplitter
{
    public static IReadOnlyList<string> Split(string html, int limit = 4096) => [html];
}
