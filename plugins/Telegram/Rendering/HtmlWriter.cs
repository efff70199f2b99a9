using System.Text;

namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>
/// Appends Telegram HTML while keeping it valid: text is always escaped, every tag opened is closed in order, and
/// nestings Telegram rejects or ignores (bold inside bold, a quote inside a quote, anything inside code) are dropped.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _html;
    private readonly List<Frame> _open = [];
    private readonly Dictionary<string, int> _emitted = new(StringComparer.Ordinal);
    private int _pendingNewlines;

    public HtmlWriter(int capacity = 256) => _html = new StringBuilder(capacity);

    /// <summary>Characters of visible text written so far, used to tell whether a block produced anything.</summary>
    public int VisibleLength { get; private set; }

    /// <summary>Characters the inline passes read, nested passes included: a measure of work that tests bound.</summary>
    public long InlineCharactersRead { get; set; }

    public void Text(ReadOnlySpan<char> text)
    {
        Flush();
        TelegramHtml.AppendEscaped(_html, text);
        VisibleLength += text.Length;
    }

    public void Text(char c) => Text([c]);

    /// <summary>
    /// Asks for <paramref name="newlines"/> line breaks before whatever is written next, so a block that turns out
    /// empty (a fence with no code yet) leaves no stray blank lines behind.
    /// </summary>
    public void Separate(int newlines) => _pendingNewlines = Math.Max(_pendingNewlines, newlines);

    /// <summary>Opens <paramref name="name"/>; <paramref name="attributes"/> must already be escaped.</summary>
    public void Open(string name, string? attributes = null)
    {
        Flush();
        // <code> directly inside <pre> carries the language; anything else inside code would be an error.
        var emit = (name == "code" && _open.Count > 0 && _open[^1] is { Name: "pre", Emitted: true })
            || (!InCode && !(name is "b" or "i" or "u" or "s" or "a" or "blockquote" or "tg-spoiler" && IsOpen(name)));
        _open.Add(new Frame(name, emit));
        if (emit)
        {
            _emitted[name] = _emitted.GetValueOrDefault(name) + 1;
            _ = _html.Append('<').Append(name);
            if (!string.IsNullOrEmpty(attributes))
            {
                _ = _html.Append(' ').Append(attributes);
            }

            _ = _html.Append('>');
        }
    }

    /// <summary>Closes the innermost open tag (callers open and close in matching pairs).</summary>
    public void Close()
    {
        if (_open.Count == 0)
        {
            return;
        }

        var frame = _open[^1];
        _open.RemoveAt(_open.Count - 1);
        if (frame.Emitted)
        {
            _emitted[frame.Name]--;
            _ = _html.Append("</").Append(frame.Name).Append('>');
        }
    }

    /// <summary>Counted per name, so deeply nested emphasis in a 100 KB answer stays linear.</summary>
    public bool IsOpen(string name) => _emitted.GetValueOrDefault(name) > 0;

    /// <summary>Inside code and links Telegram allows no nested code or links, so callers write those as text.</summary>
    public bool InCode => IsOpen("code") || IsOpen("pre");

    public override string ToString()
    {
        while (_open.Count > 0)
        {
            Close();
        }

        return _html.ToString();
    }

    private void Flush()
    {
        // Nothing written yet: a separator would only be a leading blank line.
        if (_pendingNewlines > 0 && _html.Length > 0)
        {
            _ = _html.Append('\n', _pendingNewlines);
            VisibleLength += _pendingNewlines;
        }

        _pendingNewlines = 0;
    }

    private readonly record struct Frame(string Name, bool Emitted);
}
