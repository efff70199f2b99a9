namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>
/// Inline Markdown of one paragraph, list item or heading: code spans, links, images, autolinks, emphasis and
/// backslash escapes. Code spans and brackets are matched up front in one pass each, so scanning stays linear.
/// </summary>
internal sealed partial class MarkdownInlines
{
    private const int MaxUrlLength = 2048;
    private const int MaxTitleLength = 512;

    /// <summary>
    /// Link text is parsed one level down and an image's alt text inside it one more; deeper brackets stay text. So
    /// nested images (<c>![![![…</c>) cost at most three reads of each character and never recurse with the input.
    /// </summary>
    private const int MaxLinkDepth = 2;

    private readonly string _s;
    private readonly HtmlWriter _writer;
    private readonly bool _openEnd;
    private readonly Dictionary<int, int> _codeCloser = [];
    private readonly Dictionary<int, int> _bracketCloser = [];
    private readonly Dictionary<int, int> _destinationEnd = [];

    private MarkdownInlines(string text, HtmlWriter writer, bool openEnd)
    {
        _s = text;
        _writer = writer;
        _openEnd = openEnd;
    }

    /// <param name="openEnd">The text ends a half-streamed answer: a marker at its very end stays literal.</param>
    public static void Render(string text, HtmlWriter writer, bool openEnd)
    {
        var inlines = new MarkdownInlines(text, writer, openEnd);
        inlines.MatchCodeSpans();
        inlines.MatchBrackets();
        if (inlines._bracketCloser.Count > 0)
        {
            inlines.MatchLinkParens();
        }

        inlines.RenderRange(0, text.Length, depth: 0);
    }

    /// <param name="depth">0 for the paragraph, 1 inside a link's text, 2 inside an image's alt text in a link.</param>
    private void RenderRange(int start, int end, int depth)
    {
        _writer.InlineCharactersRead += end - start;
        var nodes = new List<InlineNode>();
        var delimiters = new List<int>();
        var textStart = start;
        var i = start;
        while (i < end)
        {
            var c = _s[i];
            if (c == '\\' && i + 1 < end && IsAsciiPunctuation(_s[i + 1]))
            {
                AddText(nodes, textStart, i);
                textStart = i + 1;
                i += 2;
                continue;
            }

            if (c == '`')
            {
                var run = RunLength(i, end, '`');
                if (_codeCloser.TryGetValue(i, out var closer) && closer + run <= end)
                {
                    AddText(nodes, textStart, i);
                    nodes.Add(new InlineNode { Kind = InlineKind.Code, Start = i + run, End = closer });
                    i = textStart = closer + run;
                }
                else
                {
                    i += run;
                }

                continue;
            }

            if (c is '*' or '_' or '~')
            {
                var run = RunLength(i, end, c);
                if (c != '~' || run == 2)
                {
                    AddText(nodes, textStart, i);
                    delimiters.Add(nodes.Count);
                    nodes.Add(Emphasis.Delimiter(_s, i, run, c, _openEnd));
                    textStart = i + run;
                }

                i += run;
                continue;
            }

            var image = c == '!' && i + 1 < end && _s[i + 1] == '[';
            if ((c == '[' || image) && TryLink(image ? i + 1 : i, end, image, depth, out var link, out var after))
            {
                AddText(nodes, textStart, i);
                nodes.Add(link);
                i = textStart = after;
                continue;
            }

            if (c == '<' && depth == 0 && TryAutolink(i, end, out var autolink))
            {
                AddText(nodes, textStart, i);
                nodes.Add(autolink);
                i = textStart = autolink.End + 1;
                continue;
            }

            i++;
        }

        AddText(nodes, textStart, end);
        Emphasis.Resolve(nodes, delimiters);
        foreach (var node in nodes)
        {
            Write(node, depth);
        }
    }

    private void Write(InlineNode node, int depth)
    {
        switch (node.Kind)
        {
            case InlineKind.Text:
                _writer.Text(_s.AsSpan(node.Start, node.End - node.Start));
                break;
            case InlineKind.Code:
                WriteCode(node, depth > 0);
                break;
            case InlineKind.Autolink:
                _writer.Open("a", TelegramHtml.HrefAttribute(node.Url!));
                _writer.Text(node.Url);
                _writer.Close();
                break;
            case InlineKind.Link or InlineKind.Image:
                WriteLink(node, depth);
                break;
            default:
                foreach (var _ in node.Closes ?? [])
                {
                    _writer.Close();
                }

                for (var k = 0; k < node.Count; k++)
                {
                    _writer.Text(node.Marker);
                }

                for (var k = (node.Opens?.Count ?? 0) - 1; k >= 0; k--)
                {
                    _writer.Open(node.Opens![k]);
                }

                break;
        }
    }

    private void WriteCode(InlineNode node, bool inLink)
    {
        var content = _s[node.Start..node.End].Replace('\n', ' ');
        if (content.Length >= 2 && content[0] == ' ' && content[^1] == ' ' && !string.IsNullOrWhiteSpace(content))
        {
            content = content[1..^1];
        }

        // Telegram does not nest code inside a link, so there it is plain text.
        if (inLink)
        {
            _writer.Text(content);
            return;
        }

        _writer.Open("code");
        _writer.Text(content);
        _writer.Close();
    }

    private void WriteLink(InlineNode node, int depth)
    {
        var url = node.Url!;
        var inLink = depth > 0;
        var empty = string.IsNullOrWhiteSpace(_s.AsSpan(node.Start, node.End - node.Start).ToString());
        if (inLink || !TelegramHtml.IsAllowedUrl(url))
        {
            // Not a link Telegram can open: keep the words, and show where it pointed unless it is an image.
            RenderRange(node.Start, node.End, depth + 1);
            if (node.Kind == InlineKind.Link && url.Length > 0 && !inLink)
            {
                _writer.Text(empty ? url : " (" + url + ")");
            }

            return;
        }

        _writer.Open("a", TelegramHtml.HrefAttribute(url));
        if (empty)
        {
            _writer.Text(node.Kind == InlineKind.Image ? "image" : url);
        }
        else
        {
            RenderRange(node.Start, node.End, depth + 1);
        }

        _writer.Close();
    }

    private static void AddText(List<InlineNode> nodes, int start, int end)
    {
        if (end > start)
        {
            nodes.Add(new InlineNode { Kind = InlineKind.Text, Start = start, End = end });
        }
    }

    private int RunLength(int start, int end, char c)
    {
        var i = start;
        while (i < end && _s[i] == c)
        {
            i++;
        }

        return i - start;
    }

    internal static bool IsAsciiPunctuation(char c) => c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c));
}
