namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>An opening code fence: its character (<c>`</c> or <c>~</c>), length, indentation and language.</summary>
internal readonly record struct Fence(char Marker, int Length, int Indent, string Language);

/// <summary>What a single Markdown line starts: each check looks at the line alone, so block parsing is one pass.</summary>
internal static class BlockSyntax
{
    public static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    public static int Indent(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>Fences are recognised at any indentation: models indent them under list items.</summary>
    public static bool TryFence(string line, out Fence fence)
    {
        fence = default;
        var indent = Indent(line);
        if (indent >= line.Length || line[indent] is not ('`' or '~'))
        {
            return false;
        }

        var marker = line[indent];
        var end = indent;
        while (end < line.Length && line[end] == marker)
        {
            end++;
        }

        var info = line.AsSpan(end).Trim();
        if (end - indent < 3 || (marker == '`' && info.Contains('`')))
        {
            return false;
        }

        fence = new Fence(marker, end - indent, indent, Language(info));
        return true;
    }

    public static bool IsClosingFence(string line, Fence fence)
    {
        var text = line.AsSpan().Trim();
        return text.Length >= fence.Length && !text.ContainsAnyExcept(fence.Marker);
    }

    /// <summary>A closing fence still being streamed ("`" or "``" after a "```" fence).</summary>
    public static bool IsPartialClosingFence(string line, Fence fence)
    {
        var text = line.AsSpan().Trim();
        return text.Length is > 0 && text.Length < fence.Length && !text.ContainsAnyExcept(fence.Marker);
    }

    public static bool TryHeading(string line, out string text)
    {
        text = "";
        var indent = Indent(line);
        var level = 0;
        while (indent + level < line.Length && line[indent + level] == '#')
        {
            level++;
        }

        var rest = indent + level;
        if (indent > 3 || level is 0 or > 6 || (rest < line.Length && line[rest] is not (' ' or '\t')))
        {
            return false;
        }

        // "## Title ##": the closing hashes are decoration.
        var content = line.AsSpan(rest).Trim();
        var hashes = content.TrimEnd('#');
        if (hashes.Length == 0 || hashes[^1] is ' ' or '\t')
        {
            content = hashes.TrimEnd();
        }

        text = content.ToString();
        return true;
    }

    public static bool IsRule(string line)
    {
        var text = line.AsSpan().Trim();
        if (Indent(line) > 3 || text.Length < 3 || text[0] is not ('-' or '*' or '_'))
        {
            return false;
        }

        var marks = 0;
        foreach (var c in text)
        {
            if (c == text[0])
            {
                marks++;
            }
            else if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return marks >= 3;
    }

    public static bool IsQuote(string line)
    {
        var indent = Indent(line);
        return indent <= 3 && indent < line.Length && line[indent] == '>';
    }

    /// <summary>
    /// The line without its quote markers. Nested markers ("> > x") go too: Telegram can't nest quotes, and
    /// stripping them all at once keeps a line of thousands of ">" from recursing that deep.
    /// </summary>
    public static string QuoteContent(string line)
    {
        var start = 0;
        while (true)
        {
            var i = start;
            while (i < line.Length && line[i] == ' ' && i - start <= 3)
            {
                i++;
            }

            if (i - start > 3 || i >= line.Length || line[i] != '>')
            {
                return line[start..];
            }

            start = i + 1 < line.Length && line[i + 1] == ' ' ? i + 2 : i + 1;
        }
    }

    /// <summary>A list item: "- x", "* x", "+ x", "1. x" or "1) x"; <paramref name="marker"/> is what to show.</summary>
    public static bool TryListItem(string line, out int indent, out string marker, out string content)
    {
        indent = Indent(line);
        marker = "";
        content = "";
        var i = indent;
        if (i >= line.Length)
        {
            return false;
        }

        if (line[i] is '-' or '*' or '+')
        {
            marker = "•";
            i++;
        }
        else
        {
            while (i < line.Length && char.IsAsciiDigit(line[i]) && i - indent < 9)
            {
                i++;
            }

            if (i == indent || i >= line.Length || line[i] is not ('.' or ')'))
            {
                return false;
            }

            marker = line[indent..(i + 1)];
            i++;
        }

        if (i < line.Length && line[i] is not (' ' or '\t'))
        {
            return false;
        }

        content = line[i..].Trim();
        return true;
    }

    private static string Language(ReadOnlySpan<char> info)
    {
        var word = info.IndexOfAny(' ', '\t') is var space and >= 0 ? info[..space] : info;
        Span<char> clean = stackalloc char[Math.Min(word.Length, 32)];
        var length = 0;
        foreach (var c in word)
        {
            // The language lands in an attribute: keep only characters language names use.
            if (length < clean.Length && (char.IsAsciiLetterOrDigit(c) || c is '+' or '#' or '-' or '_' or '.'))
            {
                clean[length++] = c;
            }
        }

        return clean[..length].ToString();
    }
}
