using System.Text;

namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>
/// Splits Telegram HTML into messages of at most a given number of visible characters (UTF-16 units, as Telegram
/// counts). Cuts prefer a blank line, then a line break, then a sentence end or space, and only then any point
/// between tokens; tags open at a cut are closed before it and reopened, attributes and all, after it.
/// </summary>
internal static class MessageSplitter
{
    public const int TelegramLimit = 4096;

    public static IReadOnlyList<string> Split(string html, int limit = TelegramLimit)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        var (tokens, openBefore) = HtmlTokens.Read(html);
        var chunks = new List<string>();
        var start = SkipBlankLines(html, tokens, 0);
        while (start < tokens.Count)
        {
            var end = FindCut(html, tokens, start, limit);
            if (Chunk(html, tokens, openBefore, start, end) is { } chunk)
            {
                chunks.Add(chunk);
            }

            start = SkipBlankLines(html, tokens, end);
        }

        return chunks;
    }

    /// <summary>The token index to cut before: everything from <paramref name="start"/> up to it fits the limit.</summary>
    private static int FindCut(string html, List<HtmlToken> tokens, int start, int limit)
    {
        int paragraph = -1, line = -1, sentence = -1, space = -1;
        int paragraphAt = 0, lineAt = 0, sentenceAt = 0, spaceAt = 0;
        var visible = 0;
        var previous = '\0';
        var i = start;
        while (i < tokens.Count && visible + tokens[i].Visible <= limit)
        {
            var token = tokens[i++];
            visible += token.Visible;
            if (token.Kind == HtmlTokenKind.Entity)
            {
                previous = '\0';
            }

            if (token.Kind != HtmlTokenKind.Char)
            {
                continue;
            }

            var c = html[token.Start];
            if (c == '\n')
            {
                (line, lineAt) = (i, visible);
                if (previous == '\n')
                {
                    (paragraph, paragraphAt) = (i, visible);
                }
            }
            else if (c == ' ')
            {
                (space, spaceAt) = (i, visible);
                if (previous is '.' or '!' or '?' or '…' or ';' or ':')
                {
                    (sentence, sentenceAt) = (i, visible);
                }
            }
            else if (c is '。' or '！' or '？')
            {
                (sentence, sentenceAt) = (i, visible);
            }

            previous = c;
        }

        if (i >= tokens.Count)
        {
            return tokens.Count;
        }

        // A soft cut is worth it only if the chunk stays reasonably full; otherwise cut hard at the limit.
        var half = limit / 2;
        foreach (var (at, count) in (ReadOnlySpan<(int, int)>)[(paragraph, paragraphAt), (line, lineAt), (sentence, sentenceAt), (space, spaceAt)])
        {
            if (at > start && count >= half)
            {
                return IncludeClosingTags(tokens, at);
            }
        }

        // A hard cut goes before any tags that would open just at the end of the chunk.
        var cut = i;
        while (cut > start + 1 && tokens[cut - 1].Kind == HtmlTokenKind.OpenTag)
        {
            cut--;
        }

        return cut;
    }

    /// <summary>Closing tags right after a cut belong to the chunk before it (no empty tag pair in the next).</summary>
    private static int IncludeClosingTags(List<HtmlToken> tokens, int cut)
    {
        while (cut < tokens.Count && tokens[cut].Kind == HtmlTokenKind.CloseTag)
        {
            cut++;
        }

        return cut;
    }

    /// <summary>Skips whitespace-only lines at the start of a chunk; indentation of the first real line stays.</summary>
    private static int SkipBlankLines(string html, List<HtmlToken> tokens, int start)
    {
        var p = start;
        var next = start;
        while (p < tokens.Count && tokens[p].Kind == HtmlTokenKind.Char && char.IsWhiteSpace(html[tokens[p].Start]))
        {
            if (html[tokens[p++].Start] == '\n')
            {
                next = p;
            }
        }

        return p == tokens.Count ? p : next;
    }

    private static string? Chunk(string html, List<HtmlToken> tokens, OpenTag?[] openBefore, int start, int end)
    {
        // Visible text ends at the last non-whitespace token; only tags after it are kept.
        var textEnd = end;
        while (textEnd > start && !IsText(html, tokens[textEnd - 1]))
        {
            textEnd--;
        }

        if (textEnd == start)
        {
            return null;
        }

        var chunk = new StringBuilder();
        AppendOpen(chunk, openBefore[start]);
        _ = chunk.Append(html, tokens[start].Start, tokens[textEnd - 1].End - tokens[start].Start);
        for (var k = textEnd; k < end; k++)
        {
            if (tokens[k].Kind is HtmlTokenKind.OpenTag or HtmlTokenKind.CloseTag)
            {
                _ = chunk.Append(html, tokens[k].Start, tokens[k].Length);
            }
        }

        for (var tag = openBefore[end]; tag is not null; tag = tag.Parent)
        {
            _ = chunk.Append("</").Append(tag.Name).Append('>');
        }

        return chunk.ToString();
    }

    private static bool IsText(string html, HtmlToken token) =>
        token.Kind == HtmlTokenKind.Entity || (token.Kind == HtmlTokenKind.Char && !char.IsWhiteSpace(html[token.Start]));

    private static void AppendOpen(StringBuilder chunk, OpenTag? tag)
    {
        var outerFirst = new Stack<string>();
        for (; tag is not null; tag = tag.Parent)
        {
            outerFirst.Push(tag.Html);
        }

        foreach (var html in outerFirst)
        {
            _ = chunk.Append(html);
        }
    }
}
