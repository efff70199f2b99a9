using System.Text;

namespace PluginBot.TestKit.Telegram;

/// <summary>
/// The Bot API's MarkdownV2 parse mode: <c>*bold*</c>, <c>_italic_</c>, <c>__underline__</c>, <c>~strike~</c>,
/// <c>||spoiler||</c>, <c>`code`</c>, <c>```pre```</c> and <c>[text](url)</c>; any other reserved character must be
/// escaped with a backslash.
/// </summary>
internal static class MarkdownV2Parser
{
    private const string Reserved = "_*[]()~`>#+-=|{}.!";

    private static readonly (string Marker, string Type, string Name)[] Markers =
    [
        ("||", "spoiler", "Spoiler"), ("__", "underline", "Underline"), ("*", "bold", "Bold"), ("_", "italic", "Italic"),
        ("~", "strikethrough", "Strikethrough"),
    ];

    public static TelegramError? Parse(string source, out string text, out List<FakeEntity> entities)
    {
        var output = new StringBuilder();
        var open = new List<(string Marker, string Type, string Name, int Offset, int Byte)>();
        var links = new Stack<int>();
        entities = [];
        text = "";
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            var at = HtmlEntityParser.ByteOffset(source, i);
            if (c == '\\' && i + 1 < source.Length)
            {
                output.Append(source[i + 1]);
                i += 2;
                continue;
            }

            if (c == '`')
            {
                var isPre = string.CompareOrdinal(source, i, "```", 0, 3) == 0;
                var marker = isPre ? "```" : "`";
                var end = source.IndexOf(marker, i + marker.Length, StringComparison.Ordinal);
                if (end < 0)
                {
                    return TelegramErrors.CantParseEntities($"Can't find end of {(isPre ? "Pre" : "Code")} entity at byte offset {at}");
                }

                var body = source[(i + marker.Length)..end];
                string? language = null;
                if (isPre && body.IndexOf('\n', StringComparison.Ordinal) is var newline and > 0)
                {
                    language = body[..newline];
                    body = body[(newline + 1)..];
                }

                var start = output.Length;
                output.Append(body.Replace("\\`", "`", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal));
                entities.Add(new FakeEntity(isPre ? "pre" : "code", start, output.Length - start, Language: language));
                i = end + marker.Length;
                continue;
            }

            if (c == '[')
            {
                links.Push(output.Length);
                i++;
                continue;
            }

            if (c == ']' && links.Count > 0 && i + 1 < source.Length && source[i + 1] == '(')
            {
                var close = source.IndexOf(')', i + 2);
                if (close < 0)
                {
                    return TelegramErrors.CantParseEntities($"Can't find end of a URL at byte offset {at}");
                }

                var start = links.Pop();
                entities.Add(new FakeEntity("text_link", start, output.Length - start, Url: source[(i + 2)..close]));
                i = close + 1;
                continue;
            }

            var matched = Markers.FirstOrDefault(m => string.CompareOrdinal(source, i, m.Marker, 0, m.Marker.Length) == 0);
            if (matched.Marker is not null)
            {
                var index = open.FindLastIndex(o => o.Marker == matched.Marker);
                if (index >= 0)
                {
                    var entry = open[index];
                    open.RemoveAt(index);
                    if (output.Length > entry.Offset)
                    {
                        entities.Add(new FakeEntity(entry.Type, entry.Offset, output.Length - entry.Offset));
                    }
                }
                else
                {
                    open.Add((matched.Marker, matched.Type, matched.Name, output.Length, at));
                }

                i += matched.Marker.Length;
                continue;
            }

            if (Reserved.Contains(c, StringComparison.Ordinal))
            {
                return TelegramErrors.CantParseEntities($"Character '{c}' is reserved and must be escaped with the preceding '\\'");
            }

            output.Append(c);
            i++;
        }

        if (open.Count > 0)
        {
            return TelegramErrors.CantParseEntities($"Can't find end of {open[^1].Name} entity at byte offset {open[^1].Byte}");
        }

        if (links.Count > 0)
        {
            return TelegramErrors.CantParseEntities("Can't find end of the entity starting at byte offset " + links.Peek());
        }

        entities = [.. entities.OrderBy(e => e.Offset).ThenByDescending(e => e.Length)];
        text = output.ToString();
        return null;
    }
}
