namespace PluginBot.Plugins.Telegram.Rendering;

internal enum InlineKind
{
    Text,
    Code,
    Link,
    Image,
    Autolink,
    Delimiter,
}

/// <summary>One piece of a paragraph: a range of the source plus what it is. Ranges avoid copying 100 KB inputs.</summary>
internal sealed class InlineNode
{
    public InlineKind Kind { get; init; }

    /// <summary>Text: the literal range. Code: the content range. Link and image: the range of the bracketed text.</summary>
    public int Start { get; init; }

    public int End { get; init; }

    public string? Url { get; init; }

    public char Marker { get; init; }

    /// <summary>Length of the delimiter run as written; the rule of three uses it after matches consumed some.</summary>
    public int Original { get; init; }

    /// <summary>Delimiter characters not (yet) used for emphasis; they are written literally.</summary>
    public int Count { get; set; }

    public bool CanOpen { get; init; }

    public bool CanClose { get; init; }

    /// <summary>Tags this run opens after its literal remainder, innermost first (each later match encloses the earlier).</summary>
    public List<string>? Opens { get; set; }

    /// <summary>Tags this run closes before its literal remainder, innermost first.</summary>
    public List<string>? Closes { get; set; }
}
