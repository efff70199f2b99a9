namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>
/// Block structure, line by line: fences, headings, rules, quotes, tables, lists and paragraphs. The source's line
/// layout is kept (one blank line where it had any), since Telegram shows newlines as written.
/// </summary>
internal sealed class MarkdownBlocks
{
    private const string Rule = "——————————";
    private const int IndentPerLevel = 3;
    private const int MaxLevel = 6;

    private readonly HtmlWriter _writer;
    private readonly bool _partial;
    private readonly bool _openEnd;

    private MarkdownBlocks(HtmlWriter writer, bool partial, bool openEnd)
    {
        _writer = writer;
        _partial = partial;
        _openEnd = openEnd;
    }

    public static void Render(string markdown, HtmlWriter writer, bool partial)
    {
        var lines = new List<string>(markdown.Split('\n').Select(l => l.TrimEnd('\r')));
        while (lines.Count > 0 && BlockSyntax.IsBlank(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        // Streamed text that ends in whitespace has finished its last marker: "**" followed by a space can't grow.
        var openEnd = partial && markdown.Length > 0 && !char.IsWhiteSpace(markdown[^1]);
        new MarkdownBlocks(writer, partial, openEnd).RenderLines(lines, atEnd: true);
    }

    /// <param name="atEnd">These lines end the document, so their last block may be cut short when partial.</param>
    private void RenderLines(List<string> lines, bool atEnd)
    {
        var listIndents = new List<int>();
        var wrote = false;
        var blank = false;
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            if (BlockSyntax.IsBlank(line))
            {
                blank = wrote;
                i++;
                continue;
            }

            if (wrote)
            {
                _writer.Separate(blank ? 2 : 1);
            }

            wrote = true;
            blank = false;
            if (BlockSyntax.TryListItem(line, out var indent, out var marker, out var content) && !BlockSyntax.IsRule(line))
            {
                i = ListItem(lines, i, Level(listIndents, indent), marker, content, atEnd);
                continue;
            }

            if (BlockSyntax.Indent(line) == 0)
            {
                // A block at the left margin ends any list, so the next list starts at level one again.
                listIndents.Clear();
            }

            i = Block(lines, i, atEnd);
        }
    }

    private int Block(List<string> lines, int i, bool atEnd)
    {
        var line = lines[i];
        if (BlockSyntax.TryFence(line, out var fence))
        {
            return CodeBlock(lines, i, fence, atEnd);
        }

        if (BlockSyntax.TryHeading(line, out var heading))
        {
            _writer.Open("b");
            Inline(heading, atEnd && i == lines.Count - 1);
            _writer.Close();
            return i + 1;
        }

        if (BlockSyntax.IsRule(line))
        {
            _writer.Text(Rule);
            return i + 1;
        }

        var end = i;
        if (BlockSyntax.IsQuote(line))
        {
            var inner = new List<string>();
            while (end < lines.Count && BlockSyntax.IsQuote(lines[end]))
            {
                inner.Add(BlockSyntax.QuoteContent(lines[end++]));
            }

            // Telegram has no nested quotes: nested markers are stripped and the text joins the outer quote.
            _writer.Open("blockquote");
            RenderLines(inner, atEnd && end == lines.Count);
            _writer.Close();
            return end;
        }

        if (MarkdownTable.StartsAt(lines, i))
        {
            while (end < lines.Count && MarkdownTable.IsRow(lines[end]))
            {
                end++;
            }

            _writer.Open("pre");
            _writer.Text(MarkdownTable.Format(lines[i..end]));
            _writer.Close();
            return end;
        }

        end = i + 1;
        while (end < lines.Count && IsContinuation(lines, end))
        {
            end++;
        }

        Inline(string.Join('\n', lines[i..end].Select(l => l.Trim())), atEnd && end == lines.Count);
        return end;
    }

    private int ListItem(List<string> lines, int i, int level, string marker, string content, bool atEnd)
    {
        var prefix = new string(' ', level * IndentPerLevel) + marker + " ";
        if (content.Length >= 3 && content[0] == '[' && content[2] == ']' && (content.Length == 3 || content[3] == ' ') && content[1] is ' ' or 'x' or 'X')
        {
            // A task list item: the checkbox replaces the bullet.
            prefix = new string(' ', level * IndentPerLevel) + (content[1] == ' ' ? "☐ " : "☑ ");
            content = content[3..].TrimStart();
        }

        var end = i + 1;
        var pad = "\n" + new string(' ', prefix.Length);
        while (end < lines.Count && IsContinuation(lines, end))
        {
            content += pad + lines[end++].Trim();
        }

        _writer.Text(prefix);
        Inline(content, atEnd && end == lines.Count);
        return end;
    }

    private int CodeBlock(List<string> lines, int i, Fence fence, bool atEnd)
    {
        var end = i + 1;
        var code = new List<string>();
        while (end < lines.Count && !BlockSyntax.IsClosingFence(lines[end], fence))
        {
            var line = lines[end++];
            var strip = Math.Min(fence.Indent, BlockSyntax.Indent(line));
            code.Add(line[strip..]);
        }

        var closed = end < lines.Count;
        if (!closed && _partial && atEnd && code.Count > 0 && BlockSyntax.IsPartialClosingFence(code[^1], fence))
        {
            // The closing fence is arriving: don't flash its first backticks as code.
            code.RemoveAt(code.Count - 1);
        }

        var text = string.Join('\n', code);
        if (!string.IsNullOrWhiteSpace(text))
        {
            _writer.Open("pre");
            if (fence.Language.Length > 0)
            {
                _writer.Open("code", "class=\"language-" + fence.Language + "\"");
            }

            _writer.Text(text);
            if (fence.Language.Length > 0)
            {
                _writer.Close();
            }

            _writer.Close();
        }

        return closed ? end + 1 : end;
    }

    private void Inline(string text, bool last) => MarkdownInlines.Render(text.TrimEnd(), _writer, _openEnd && last);

    private static bool IsContinuation(List<string> lines, int i)
    {
        var line = lines[i];
        return !BlockSyntax.IsBlank(line)
            && !BlockSyntax.TryFence(line, out _)
            && !BlockSyntax.TryHeading(line, out _)
            && !BlockSyntax.IsRule(line)
            && !BlockSyntax.IsQuote(line)
            && !BlockSyntax.TryListItem(line, out _, out _, out _)
            && !MarkdownTable.StartsAt(lines, i);
    }

    /// <summary>Nesting level of a list item from its indentation, relative to the items above it.</summary>
    private static int Level(List<int> indents, int indent)
    {
        while (indents.Count > 0 && indents[^1] > indent)
        {
            indents.RemoveAt(indents.Count - 1);
        }

        if (indents.Count == 0 || indents[^1] < indent)
        {
            indents.Add(indent);
        }

        // Deeper levels would only push the text off a phone screen.
        return Math.Min(indents.Count - 1, MaxLevel);
    }
}
