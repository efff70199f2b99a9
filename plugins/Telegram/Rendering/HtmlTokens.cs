namespace PluginBot.Plugins.Telegram.Rendering;

internal enum HtmlTokenKind : byte
{
    Char,
    Entity,
    OpenTag,
    CloseTag,
}

/// <summary>An indivisible piece of Telegram HTML: a character (a surrogate pair is one), an entity, or a tag.</summary>
internal readonly record struct HtmlToken(int Start, int Length, HtmlTokenKind Kind, int Visible)
{
    public int End => Start + Length;
}

/// <summary>An open tag as written (attributes included), so a split can reopen exactly the same tag.</summary>
internal sealed record OpenTag(OpenTag? Parent, string Html, string Name);

/// <summary>Cuts Telegram HTML into tokens and knows, before each token, which tags are open.</summary>
internal static class HtmlTokens
{
    public static (List<HtmlToken> Tokens, OpenTag?[] OpenBefore) Read(string html)
    {
        var tokens = new List<HtmlToken>(html.Length);
        var open = new List<OpenTag?>(html.Length + 1);
        OpenTag? stack = null;
        var i = 0;
        while (i < html.Length)
        {
            open.Add(stack);
            var token = Next(html, i);
            if (token.Kind == HtmlTokenKind.OpenTag)
            {
                var tag = html.Substring(token.Start, token.Length);
                var nameEnd = tag.AsSpan(1).IndexOfAny(' ', '>');
                stack = new OpenTag(stack, tag, tag[1..(nameEnd + 1)]);
            }
            else if (token.Kind == HtmlTokenKind.CloseTag)
            {
                stack = stack?.Parent;
            }

            tokens.Add(token);
            i = token.End;
        }

        open.Add(stack);
        return (tokens, [.. open]);
    }

    /// <summary>Characters Telegram counts for <paramref name="html"/>: tags are free, an entity is what it decodes to.</summary>
    public static int VisibleLength(string html)
    {
        var length = 0;
        for (var i = 0; i < html.Length;)
        {
            var token = Next(html, i);
            length += token.Visible;
            i = token.End;
        }

        return length;
    }

    private static HtmlToken Next(string html, int i)
    {
        var c = html[i];
        if (c == '<')
        {
            var gt = html.IndexOf('>', i);
            if (gt > i + 1)
            {
                var kind = html[i + 1] == '/' ? HtmlTokenKind.CloseTag : HtmlTokenKind.OpenTag;
                return new HtmlToken(i, gt - i + 1, kind, 0);
            }
        }
        else if (c == '&' && Entity(html, i) is var (length, visible) && length > 0)
        {
            return new HtmlToken(i, length, HtmlTokenKind.Entity, visible);
        }
        else if (char.IsHighSurrogate(c) && i + 1 < html.Length && char.IsLowSurrogate(html[i + 1]))
        {
            return new HtmlToken(i, 2, HtmlTokenKind.Char, 2);
        }

        return new HtmlToken(i, 1, HtmlTokenKind.Char, 1);
    }

    /// <summary>Length of the entity at <paramref name="i"/> (0 if none) and the UTF-16 units it stands for.</summary>
    private static (int Length, int Visible) Entity(string html, int i)
    {
        var semi = html.AsSpan(i, Math.Min(12, html.Length - i)).IndexOf(';');
        if (semi < 2)
        {
            return (0, 0);
        }

        var body = html.AsSpan(i + 1, semi - 1);
        if (body is "lt" or "gt" or "amp" or "quot")
        {
            return (semi + 1, 1);
        }

        if (body[0] != '#' || body.Length < 2)
        {
            return (0, 0);
        }

        var hex = body[1] is 'x' or 'X';
        var digits = hex ? body[2..] : body[1..];
        var style = hex ? System.Globalization.NumberStyles.AllowHexSpecifier : System.Globalization.NumberStyles.None;
        return int.TryParse(digits, style, System.Globalization.CultureInfo.InvariantCulture, out var code) && code is >= 0 and <= 0x10FFFF
            ? (semi + 1, code > 0xFFFF ? 2 : 1)
            : (0, 0);
    }
}
