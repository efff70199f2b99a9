using System.Globalization;
using System.Resources;
using System.Text;
using ScottPlot;
using SkiaSharp;

namespace PluginBot.Plugins.Costs.Charts;

/// <summary>
/// Chart text is drawn with a font carried in this assembly (DejaVu Sans). SkiaSharp's Linux build without
/// dependencies reads fonts from /usr/share/fonts itself, without fontconfig; on a server with no fonts it finds
/// none and draws every label as nothing, without an error. The embedded font also makes charts look the same on
/// every machine.
/// </summary>
internal static class ChartFont
{
    public const string Name = "PluginBot Chart Sans";

    private static readonly SKData Data = SKData.CreateCopy(Load());
    private static readonly SKTypeface Typeface = SKTypeface.FromData(Data);

    static ChartFont()
    {
        // ScottPlot is private to this plugin's load context, so its global font settings are ours to change.
        Fonts.FontResolvers.Insert(0, new EmbeddedResolver());
        Fonts.Default = Name;
    }

    /// <summary>Called before the first chart; the static constructor does the work once.</summary>
    public static void EnsureRegistered()
    {
    }

    /// <summary>
    /// The embedded font, or a system font for text it cannot show (CJK names, say) when the machine has one.
    /// </summary>
    public static string For(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !Typeface.ContainsGlyph(rune.Value))
            {
                using var system = SKFontManager.Default.MatchCharacter(rune.Value);
                return system is { FamilyName.Length: > 0 } ? system.FamilyName : Name;
            }
        }

        return Name;
    }

    private static byte[] Load()
    {
        var resources = new ResourceManager(typeof(ChartFont).Namespace + ".Fonts.ChartFontFile", typeof(ChartFont).Assembly);
        return resources.GetObject("DejaVuSans", CultureInfo.InvariantCulture) as byte[]
            ?? throw new InvalidOperationException("The chart font is missing from the Costs plugin assembly.");
    }

    private sealed class EmbeddedResolver : IFontResolver
    {
        // A new typeface each time: ScottPlot caches what it gets, and disposes some of it.
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Name ? SKTypeface.FromData(Data) : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) =>
            fontName == Name ? SKTypeface.FromData(Data) : null;
    }
}
