using System.Net;
using System.Text;

namespace PluginBot.TestKit.Telegram;

/// <summary>The Bot API's HTML parse mode: supported tags become entities; malformed markup is an error.</summary>
internal static class HtmlEntityParser
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["b"] = "bold",
        ["strong"] = "bold",
        ["i"] = "italic",
        ["em"] = "italic",
        ["u"] = "underline",
        ["ins"] = "underline",
        ["s"] = "strikethrough",
        ["strike"] = "strikethrough",
        ["del"] = "strikethrough",
        ["tg-spoiler"] = "spoiler",
        ["span"] = "spoiler",
        ["a"] = "text_link",
        ["code"] = "code",
        ["pre"] = "pre",
        ["blockquote"] = "blockquote",
        ["tg-emoji"] = "custom_emoji",
    };

    private sealed record Open(string Tag, string Type, int Offset, Dictionary<string, string> Attributes);

    public static TelegramError? Parse(string html, out string text, out List<FakeEntity> entities)
    {
        var output = new StringBuilder();
        var open = new Stack<Open>();
        entities = [];
        text = "";
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c == '&')
            {
                var end = html.IndexOf(';', i);
                var decoded = end > i ? WebUtility.HtmlDecode(html[i..(end + 1)]) : null;
                if (decoded is not null && decoded != html[i..(end + 1)])
                {
                    output.Append(decoded);
                    i = end + 1;
                    continue;
                }
            }

            if (c != '<')
            {
                output.Append(c);
                i++;
                continue;
            }

            var begin = ByteOffset(html, i);
            var close = html.IndexOf('>', i);
            if (close < 0)
            {
                return TelegramErrors.CantParseEntities($"Unclosed start tag at byte offset {begin}");
            }

            var inner = html[(i + 1)..close];
            i = close + 1;
            if (inner.StartsWith('/'))
            {
                var name = inner[1..].Trim().ToLowerInvariant();
                if (open.Count == 0)
                {
                    return TelegramErrors.CantParseEntities($"Unexpected end tag at byte offset {begin}");
                }

                var top = open.Pop();
                if (top.Tag != name)
                {
                    return TelegramErrors.CantParseEntities(
                        $"Unmatched end tag at byte offset {begin}, expected \"</{top.Tag}>\", found \"</{name}>\"");
                }

                // <pre><code class="language-x"> is one pre entity with a language, as the Bot API documents.
                if (top.Tag == "code" && open.TryPeek(out var parent) && parent.Tag == "pre" && parent.Offset == top.Offset)
                {
                    if (top.Attributes.GetValueOrDefault("class") is { } css && css.StartsWith("language-", StringComparison.Ordinal))
                    {
                        parent.Attributes["language"] = css["language-".Length..];
                    }

                    continue;
                }

                if (Entity(top, output.Length) is { } entity)
                {
                    entities.Add(entity);
                }

                continue;
            }

            var tag = inner.Split(' ', 2)[0].ToLowerInvariant();
            if (!Tags.TryGetValue(tag, out var type))
            {
                return TelegramErrors.CantParseEntities($"Unsupported start tag \"{tag}\" at byte offset {begin}");
            }

            var attributes = Attributes(inner.Length > tag.Length ? inner[tag.Length..] : "");
            if (tag == "span" && attributes.GetValueOrDefault("class") != "tg-spoiler")
            {
                return TelegramErrors.CantParseEntities($"Tag \"span\" must have class \"tg-spoiler\" at byte offset {begin}");
            }

            open.Push(new Open(tag, type, output.Length, attributes));
        }

        if (open.Count > 0)
        {
            return TelegramErrors.CantParseEntities($"Can't find end tag corresponding to start tag \"{open.Peek().Tag}\"");
        }

        entities = [.. entities.OrderBy(e => e.Offset).ThenByDescending(e => e.Length)];
        text = output.ToString();
        return null;
    }

    private static FakeEntity? Entity(Open tag, int end)
    {
        var length = end - tag.Offset;
        if (length == 0)
        {
            return null;
        }

        return tag.Type switch
        {
            "text_link" => new FakeEntity("text_link", tag.Offset, length, Url: tag.Attributes.GetValueOrDefault("href")),
            "pre" => new FakeEntity("pre", tag.Offset, length, Language: tag.Attributes.GetValueOrDefault("language")),
            "blockquote" when tag.Attributes.ContainsKey("expandable") => new FakeEntity("expandable_blockquote", tag.Offset, length),
            _ => new FakeEntity(tag.Type, tag.Offset, length),
        };
    }

    private static Dictionary<string, string> Attributes(string source)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in source.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            attributes[pair[0].ToLowerInvariant()] = pair.Length == 2 ? WebUtility.HtmlDecode(pair[1].Trim('"', '\'')) : "";
        }

        return attributes;
    }

    internal static int ByteOffset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));
}
