using System.Text;

namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>Code span and bracket matching, and the link forms: <c>[text](url "title")</c>, images, <c>&lt;url&gt;</c>.</summary>
internal sealed partial class MarkdownInlines
{
    /// <summary>Pairs each backtick run with the next run of the same length (per-length queues keep it linear).</summary>
    private void MatchCodeSpans()
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = _s.IndexOf('`', StringComparison.Ordinal); i >= 0 && i < _s.Length;)
        {
            var length = RunLength(i, _s.Length, '`');
            runs.Add((i, length));
            var nextTick = _s.IndexOf('`', i + length);
            i = nextTick < 0 ? _s.Length : nextTick;
        }

        if (runs.Count < 2)
        {
            return;
        }

        var byLength = new Dictionary<int, Queue<int>>();
        for (var k = 0; k < runs.Count; k++)
        {
            if (!byLength.TryGetValue(runs[k].Length, out var queue))
            {
                byLength[runs[k].Length] = queue = new Queue<int>();
            }

            queue.Enqueue(k);
        }

        var r = 0;
        while (r < runs.Count)
        {
            var (start, length) = runs[r];
            var queue = byLength[length];
            while (queue.Count > 0 && queue.Peek() <= r)
            {
                _ = queue.Dequeue();
            }

            if (IsEscaped(start) || queue.Count == 0)
            {
                r++;
                continue;
            }

            var closer = queue.Dequeue();
            _codeCloser[start] = runs[closer].Start;
            r = closer + 1;
        }
    }

    /// <summary>Pairs brackets with a stack, skipping code spans and escapes, as links need.</summary>
    private void MatchBrackets()
    {
        var open = new Stack<int>();
        var i = 0;
        while (i < _s.Length)
        {
            var c = _s[i];
            if (c == '\\' && i + 1 < _s.Length && IsAsciiPunctuation(_s[i + 1]))
            {
                i += 2;
                continue;
            }

            if (c == '`')
            {
                var run = RunLength(i, _s.Length, '`');
                i = _codeCloser.TryGetValue(i, out var closer) ? closer + run : i + run;
                continue;
            }

            if (c == '[')
            {
                open.Push(i);
            }
            else if (c == ']' && open.Count > 0)
            {
                _bracketCloser[open.Pop()] = i;
            }

            i++;
        }
    }

    /// <summary>
    /// Where a bare link destination after each "](" ends: at the matching ")" or else at the next whitespace.
    /// One stack pass, so "[a]([a]([a](..." does not rescan the rest of the text for every bracket.
    /// </summary>
    private void MatchLinkParens()
    {
        var open = new Stack<int>();
        for (var i = _s.IndexOf("](", StringComparison.Ordinal); i >= 0 && i < _s.Length; i++)
        {
            var c = _s[i];
            if (c == '\\' && i + 1 < _s.Length && IsAsciiPunctuation(_s[i + 1]))
            {
                i++;
            }
            else if (c == '(')
            {
                open.Push(i);
            }
            else if (c == ')' && open.Count > 0)
            {
                Record(open.Pop(), i);
            }
            else if (char.IsWhiteSpace(c))
            {
                while (open.Count > 0)
                {
                    Record(open.Pop(), i);
                }
            }
        }

        while (open.Count > 0)
        {
            Record(open.Pop(), _s.Length);
        }

        void Record(int paren, int end)
        {
            if (paren > 0 && _s[paren - 1] == ']')
            {
                _destinationEnd[paren] = end;
            }
        }
    }

    private bool TryLink(int bracket, int end, bool image, int depth, out InlineNode link, out int after)
    {
        link = null!;
        after = 0;
        // Telegram nests no link in a link; an image there is its alt text, down to MaxLinkDepth.
        if (depth >= MaxLinkDepth || (depth > 0 && !image) || !_bracketCloser.TryGetValue(bracket, out var close) || close + 1 >= end || _s[close + 1] != '(')
        {
            return false;
        }

        var p = SkipSpaces(close + 2, end);
        string url;
        if (p < end && _s[p] == '<')
        {
            var gt = _s.AsSpan(p + 1, Math.Min(end - p - 1, MaxUrlLength)).IndexOfAny("<>\n");
            if (gt < 0 || _s[p + 1 + gt] != '>')
            {
                return false;
            }

            url = Unescape(p + 1, p + 1 + gt);
            p += gt + 2;
        }
        else if (p == close + 2 && _destinationEnd.TryGetValue(close + 1, out var destinationEnd))
        {
            if (destinationEnd > end || destinationEnd - p > MaxUrlLength)
            {
                return false;
            }

            url = Unescape(p, destinationEnd);
            p = destinationEnd;
        }
        else
        {
            var q = p;
            var parens = 0;
            while (q < end && q - p <= MaxUrlLength && !char.IsWhiteSpace(_s[q]))
            {
                var c = _s[q];
                if (c == '\\' && q + 1 < end && IsAsciiPunctuation(_s[q + 1]))
                {
                    q += 2;
                    continue;
                }

                if (c == ')' && parens == 0)
                {
                    break;
                }

                parens += c == '(' ? 1 : c == ')' ? -1 : 0;
                q++;
            }

            if (parens != 0 || q - p > MaxUrlLength)
            {
                return false;
            }

            url = Unescape(p, q);
            p = q;
        }

        p = SkipSpaces(p, end);
        if (p < end && _s[p] is '"' or '\'' or '(')
        {
            // A title: Telegram has nowhere to show it, so it is skipped.
            var closing = _s[p] == '(' ? ')' : _s[p];
            var t = _s.AsSpan(p + 1, Math.Min(end - p - 1, MaxTitleLength)).IndexOf(closing);
            if (t < 0)
            {
                return false;
            }

            p = SkipSpaces(p + t + 2, end);
        }

        if (p >= end || _s[p] != ')')
        {
            return false;
        }

        link = new InlineNode { Kind = image ? InlineKind.Image : InlineKind.Link, Start = bracket + 1, End = close, Url = url };
        after = p + 1;
        return true;
    }

    private bool TryAutolink(int lt, int end, out InlineNode link)
    {
        link = null!;
        var span = _s.AsSpan(lt + 1, Math.Min(end - lt - 1, MaxUrlLength));
        var gt = span.IndexOfAny("<> \t\n");
        if (gt <= 0 || span[gt] != '>')
        {
            return false;
        }

        var url = span[..gt].ToString();
        if (!TelegramHtml.IsAllowedUrl(url))
        {
            return false;
        }

        link = new InlineNode { Kind = InlineKind.Autolink, Start = lt + 1, End = lt + 1 + gt, Url = url };
        return true;
    }

    private int SkipSpaces(int i, int end)
    {
        var newlines = 0;
        while (i < end && _s[i] is ' ' or '\t' or '\n' && (_s[i] != '\n' || ++newlines == 1))
        {
            i++;
        }

        return i;
    }

    private bool IsEscaped(int i)
    {
        var slashes = 0;
        while (i - slashes - 1 >= 0 && _s[i - slashes - 1] == '\\')
        {
            slashes++;
        }

        return slashes % 2 == 1;
    }

    private string Unescape(int start, int end)
    {
        var span = _s.AsSpan(start, end - start);
        if (!span.Contains('\\'))
        {
            return span.ToString();
        }

        var text = new StringBuilder(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == '\\' && i + 1 < span.Length && IsAsciiPunctuation(span[i + 1]))
            {
                i++;
            }

            _ = text.Append(span[i]);
        }

        return text.ToString();
    }
}
