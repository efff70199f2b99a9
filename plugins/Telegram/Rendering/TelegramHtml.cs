using System.Buffers;
using System.Net;
using System.Text;

namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>Converts model Markdown to the HTML subset Telegram's <c>parse_mode=HTML</c> accepts, and back to text.</summary>
internal static class TelegramHtml
{
    // The escaped characters plus every surrogate, so lone halves of a pair can be replaced.
    private static readonly SearchValues<char> Special =
        SearchValues.Create("<>&\"" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(c => (char)c)));
    private static readonly string[] AllowedSchemes = ["http://", "https://"];

    /// <summary>
    /// Renders <paramref name="markdown"/> as Telegram HTML. The result is always well formed, whatever the input.
    /// With <paramref name="partial"/> the text is a prefix of a streamed answer: an unclosed fence shows as code and a
    /// marker at the very end stays literal until more text tells what it means.
    /// </summary>
    public static string FromMarkdown(string markdown, bool partial = false)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (partial && markdown.Length > 0 && char.IsHighSurrogate(markdown[^1]))
        {
            // The stream stopped between the halves of an emoji: wait for the other half.
            markdown = markdown[..^1];
        }

        var writer = new HtmlWriter(markdown.Length + (markdown.Length / 8));
        MarkdownBlocks.Render(markdown, writer, partial);
        return writer.ToString();
    }

    /// <summary>Escapes plain text for HTML parse mode.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text;
        }

        var html = new StringBuilder(text.Length + 16);
        AppendEscaped(html, text);
        return html.ToString();
    }

    /// <summary>The visible text of Telegram HTML: tags removed, entities decoded (for sending without parse mode).</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                _ = text.Append(html, i, html.Length - i);
                break;
            }

            _ = text.Append(html, i, lt - i);
            var gt = html.IndexOf('>', lt);
            if (gt < 0)
            {
                // Not a tag after all: keep the rest as text.
                _ = text.Append(html, lt, html.Length - lt);
                break;
            }

            i = gt + 1;
        }

        // Tags are gone first, so an escaped "&lt;b&gt;" becomes the text "<b>" and is not stripped.
        return WebUtility.HtmlDecode(text.ToString());
    }

    internal static void AppendEscaped(StringBuilder html, ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(Special);
            if (special < 0)
            {
                _ = html.Append(text);
                return;
            }

            _ = html.Append(text[..special]);
            var c = text[special];
            if (char.IsHighSurrogate(c) && special + 1 < text.Length && char.IsLowSurrogate(text[special + 1]))
            {
                _ = html.Append(c).Append(text[special + 1]);
                text = text[(special + 2)..];
                continue;
            }

            _ = html.Append(c switch
            {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                // A lone surrogate (a stream cut inside an emoji) is not valid text for Telegram.
                _ => "\uFFFD",
            });
            text = text[(special + 1)..];
        }
    }

    /// <summary>
    /// Only web addresses become links: model output must not open tg:// actions (joining chats, starting bots), mail
    /// clients, javascript: or relative paths; anything else stays text.
    /// </summary>
    internal static bool IsAllowedUrl(string url)
    {
        foreach (var scheme in AllowedSchemes)
        {
            if (url.Length > scheme.Length && url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An escaped <c>href="..."</c>; spaces are percent-encoded so the value stays one attribute token.</summary>
    internal static string HrefAttribute(string url)
    {
        var html = new StringBuilder(url.Length + 8).Append("href=\"");
        AppendEscaped(html, url.Replace(" ", "%20", StringComparison.Ordinal));
        return html.Append('"').ToString();
    }
}
