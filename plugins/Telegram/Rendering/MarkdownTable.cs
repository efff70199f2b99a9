using System.Globalization;
using System.Text;

namespace PluginBot.Plugins.Telegram.Rendering;

/// <summary>
/// GFM tables. Telegram has no tables, so the text goes into a <c>pre</c> block with the columns padded to equal
/// widths: models rarely align their tables, and monospace only helps when the columns line up.
/// </summary>
internal static class MarkdownTable
{
    public static bool StartsAt(IReadOnlyList<string> lines, int i) =>
        lines[i].Contains('|', StringComparison.Ordinal) && i + 1 < lines.Count && IsDelimiterRow(lines[i + 1]);

    public static bool IsRow(string line) => !BlockSyntax.IsBlank(line) && line.Contains('|', StringComparison.Ordinal);

    public static string Format(IReadOnlyList<string> rows)
    {
        var cells = rows.Select(SplitCells).ToList();
        var columns = cells.Max(c => c.Count);
        var widths = new int[columns];
        for (var r = 0; r < cells.Count; r++)
        {
            for (var c = 0; c < cells[r].Count && r != 1; c++)
            {
                widths[c] = Math.Max(widths[c], Width(cells[r][c]));
            }
        }

        var text = new StringBuilder();
        for (var r = 0; r < cells.Count; r++)
        {
            var line = new StringBuilder();
            for (var c = 0; c < columns; c++)
            {
                var cell = r == 1 ? new string('-', Math.Max(widths[c], 1)) : c < cells[r].Count ? cells[r][c] : "";
                _ = line.Append(c == 0 ? "" : r == 1 ? "-|-" : " | ").Append(cell).Append(' ', widths[c] - Width(cell));
            }

            _ = text.Append(r == 0 ? "" : "\n").Append(line.ToString().TrimEnd());
        }

        return text.ToString();
    }

    private static bool IsDelimiterRow(string line)
    {
        var text = line.AsSpan().Trim();
        return text.Contains('|') && text.Contains('-') && !text.ContainsAnyExcept("|:- \t");
    }

    /// <summary>Cells between unescaped pipes; the outer pipes are optional, <c>\|</c> is a literal pipe.</summary>
    private static List<string> SplitCells(string row)
    {
        var text = row.Trim();
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '|')
            {
                _ = cell.Append('|');
                i++;
            }
            else if (text[i] == '|')
            {
                if (i > 0)
                {
                    cells.Add(cell.ToString().Trim());
                }

                _ = cell.Clear();
            }
            else
            {
                _ = cell.Append(text[i]);
            }
        }

        if (cell.ToString().Trim() is { Length: > 0 } last)
        {
            cells.Add(last);
        }

        return cells;
    }

    private static int Width(string cell) => new StringInfo(cell).LengthInTextElements;
}
