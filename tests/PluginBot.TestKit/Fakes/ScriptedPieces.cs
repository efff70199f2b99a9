namespace PluginBot.TestKit.Fakes;

internal static class ScriptedPieces
{
    /// <summary>Splits text into <paramref name="pieces"/> nearly equal parts, never inside a surrogate pair.</summary>
    public static IReadOnlyList<string> Split(string text, int pieces)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return [];
        }

        pieces = Math.Clamp(pieces, 1, text.Length);
        var parts = new List<string>(pieces);
        var start = 0;
        for (var i = 1; i <= pieces; i++)
        {
            var end = i == pieces ? text.Length : (int)((long)text.Length * i / pieces);
            if (end < text.Length && end > start && char.IsLowSurrogate(text[end]))
            {
                end++;
            }

            if (end > start)
            {
                parts.Add(text[start..end]);
                start = end;
            }
        }

        return parts;
    }
}
