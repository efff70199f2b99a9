using System.Text;

namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>
/// Pairs <c>*</c>, <c>_</c> and <c>~~</c> runs the CommonMark way (flanking rules, rule of three, a lower bound per
/// kind of closer so that unmatched runs are never searched twice), which keeps the work linear.
/// </summary>
internal static class Emphasis
{
    public static InlineNode Delimiter(string s, int start, int length, char marker, bool atOpenEnd)
    {
        var before = start > 0 && Rune.DecodeLastFromUtf16(s.AsSpan(0, start), out var p, out _) == System.Buffers.OperationStatus.Done ? p : new Rune('\n');
        var after = start + length < s.Length && Rune.DecodeFromUtf16(s.AsSpan(start + length), out var n, out _) == System.Buffers.OperationStatus.Done ? n : new Rune('\n');
        bool beforeSpace = Rune.IsWhiteSpace(before), afterSpace = Rune.IsWhiteSpace(after);
        bool beforePunct = IsPunctuation(before), afterPunct = IsPunctuation(after);
        var left = !afterSpace && (!afterPunct || beforeSpace || beforePunct);
        var right = !beforeSpace && (!beforePunct || afterSpace || afterPunct);
        bool open, close;
        if (marker == '_')
        {
            // snake_case_words: an underscore inside a word neither opens nor closes.
            open = left && (!right || beforePunct);
            close = right && (!left || afterPunct);
        }
        else if (marker == '*' && length == 1 && IsAsciiLetterOrDigit(before) && IsAsciiLetterOrDigit(after))
        {
            // 2*3*4 and a*b*c are arithmetic, not italics (double stars inside words still work, e.g. in CJK text).
            open = close = false;
        }
        else
        {
            open = left;
            close = right;
        }

        if (atOpenEnd && start + length == s.Length)
        {
            // The run ends a half-streamed text and may still grow ("*" becoming "**"): keep it literal for now.
            open = close = false;
        }

        return new InlineNode
        {
            Kind = InlineKind.Delimiter,
            Start = start,
            End = start + length,
            Marker = marker,
            Original = length,
            Count = length,
            CanOpen = open,
            CanClose = close,
        };
    }

    /// <summary>Matches delimiter runs (indices into <paramref name="nodes"/>) and records the tags each emits.</summary>
    public static void Resolve(List<InlineNode> nodes, List<int> delimiters)
    {
        var count = delimiters.Count;
        if (count < 2)
        {
            return;
        }

        var prev = new int[count];
        var next = new int[count];
        for (var k = 0; k < count; k++)
        {
            prev[k] = k - 1;
            next[k] = k + 1 < count ? k + 1 : -1;
        }

        var bottom = new int[18];
        Array.Fill(bottom, -1);
        var closer = 0;
        while (closer != -1)
        {
            var c = nodes[delimiters[closer]];
            if (!c.CanClose)
            {
                closer = next[closer];
                continue;
            }

            var key = Key(c);
            var opener = prev[closer];
            while (opener != -1 && opener > bottom[key] && !Matches(nodes[delimiters[opener]], c))
            {
                opener = prev[opener];
            }

            if (opener == -1 || opener <= bottom[key])
            {
                bottom[key] = prev[closer];
                var following = next[closer];
                if (!c.CanOpen)
                {
                    Unlink(closer, prev, next);
                }

                closer = following;
                continue;
            }

            var o = nodes[delimiters[opener]];
            var use = c.Marker == '~' || (o.Count >= 2 && c.Count >= 2) ? 2 : 1;
            var tag = c.Marker == '~' ? "s" : use == 2 ? "b" : "i";
            o.Count -= use;
            c.Count -= use;
            (o.Opens ??= []).Add(tag);
            (c.Closes ??= []).Add(tag);

            // Runs between the pair can no longer match anything: they stay literal.
            next[opener] = closer;
            prev[closer] = opener;
            if (o.Count == 0)
            {
                Unlink(opener, prev, next);
            }

            if (c.Count == 0)
            {
                var following = next[closer];
                Unlink(closer, prev, next);
                closer = following;
            }
        }
    }

    private static bool Matches(InlineNode opener, InlineNode closer)
    {
        if (!opener.CanOpen || opener.Marker != closer.Marker || opener.Count == 0)
        {
            return false;
        }

        // CommonMark's rule of three: "*a**b*" must not pair the single star with the double one.
        var odd = (opener.CanClose || closer.CanOpen)
            && (opener.Original + closer.Original) % 3 == 0
            && !(opener.Original % 3 == 0 && closer.Original % 3 == 0);
        return closer.Marker == '~' || !odd;
    }

    private static int Key(InlineNode closer)
    {
        var marker = closer.Marker switch
        {
            '*' => 0,
            '_' => 1,
            _ => 2,
        };
        return (((marker * 2) + (closer.CanOpen ? 1 : 0)) * 3) + (closer.Original % 3);
    }

    private static void Unlink(int k, int[] prev, int[] next)
    {
        if (prev[k] != -1)
        {
            next[prev[k]] = next[k];
        }

        if (next[k] != -1)
        {
            prev[next[k]] = prev[k];
        }
    }

    private static bool IsPunctuation(Rune r) => Rune.IsPunctuation(r) || Rune.IsSymbol(r);

    private static bool IsAsciiLetterOrDigit(Rune r) => r.IsAscii && char.IsAsciiLetterOrDigit((char)r.Value);
}
