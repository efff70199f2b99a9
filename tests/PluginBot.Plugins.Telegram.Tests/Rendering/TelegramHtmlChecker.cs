using System.Globalization;
using System.Text;

namespace PluginBot.Plugins.Telegram.Tests.Rendering;

/// <summary>
/// An independent reading of Telegram's HTML rules, strict where Telegram is: only supported tags, properly nested and
/// closed, only the four named entities plus numeric ones, no raw <c>&lt;</c> or <c>&amp;</c> in text.
/// </summary>
internal static class TelegramHtmlChecker
{
    private static readonly HashSet<string> Tags = new(StringComparer.Ordinal) { "b", "i", "u", "s", "tg-spoiler", "a", "code", "pre", "blockquote" };

    public static void AssertValid(string html)
    {
        var problem = Problem(html);
        Assert.True(problem is null, $"{problem} in: {html}");
    }

    /// <summary>What Telegram shows: tags removed, entities decoded.</summary>
    public static string Visible(string html)
    {
        Assert.Null(Problem(html));
        var text = new StringBuilder();
        for (var i = 0; i < html.Length; i++)
        {
            if (html[i] == '<')
            {
                i = html.IndexOf('>', i);
            }
            else if (html[i] == '&')
            {
                var semi = html.IndexOf(';', i);
                _ = text.Append(Decode(html[(i + 1)..semi]));
                i = semi;
            }
            else
            {
                _ = text.Append(html[i]);
            }
        }

        return text.ToString();
    }

    private static string? Problem(string html)
    {
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            var c = html[i];
            if (c == '&')
            {
                var semi = html.IndexOf(';', i);
                if (semi < 0 || Decode(html[(i + 1)..semi]) is null)
                {
                    return $"bad entity at {i}";
                }

                i = semi;
            }
            else if (c == '<')
            {
                var gt = html.IndexOf('>', i);
                if (gt < 0)
                {
                    return $"unclosed tag at {i}";
                }

                if (Tag(html[(i + 1)..gt], open) is { } tagProblem)
                {
                    return $"{tagProblem} at {i}";
                }

                i = gt;
            }
            else if (char.IsHighSurrogate(c) && (i + 1 >= html.Length || !char.IsLowSurrogate(html[++i])))
            {
                return $"broken surrogate pair at {i}";
            }
            else if (char.IsLowSurrogate(c))
            {
                return $"lone low surrogate at {i}";
            }
        }

        return open.Count == 0 ? null : $"<{open.Peek()}> never closed";
    }

    private static string? Tag(string inner, Stack<string> open)
    {
        if (inner.StartsWith('/'))
        {
            return open.Count > 0 && open.Pop() == inner[1..] ? null : $"unmatched </{inner[1..]}>";
        }

        var space = inner.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? inner : inner[..space];
        var attributes = space < 0 ? "" : inner[(space + 1)..];
        if (!Tags.Contains(name))
        {
            return $"unsupported <{name}>";
        }

        if (open.Contains("code") || (open.Contains("pre") && name != "code") || (open.Count > 0 && open.Peek() == "pre" && name != "code"))
        {
            return $"<{name}> inside code";
        }

        if ((name == "a" && open.Contains("a")) || (name == "blockquote" && open.Contains("blockquote")))
        {
            return $"nested <{name}>";
        }

        var valid = name switch
        {
            "a" => attributes.StartsWith("href=\"", StringComparison.Ordinal) && attributes.EndsWith('"') && !attributes[6..^1].Contains('"', StringComparison.Ordinal) && !attributes.Contains(' ', StringComparison.Ordinal),
            "code" => attributes.Length == 0 || (open.Count > 0 && open.Peek() == "pre" && attributes.StartsWith("class=\"language-", StringComparison.Ordinal) && attributes.EndsWith('"')),
            "blockquote" => attributes is "" or "expandable",
            _ => attributes.Length == 0,
        };
        if (!valid)
        {
            return $"bad attributes on <{name}>: {attributes}";
        }

        open.Push(name);
        return null;
    }

    private static string? Decode(string entity) => entity switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        ['#', 'x' or 'X', .. var hex] when int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code) => char.ConvertFromUtf32(code),
        ['#', .. var digits] when int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => char.ConvertFromUtf32(code),
        _ => null,
    };
}
