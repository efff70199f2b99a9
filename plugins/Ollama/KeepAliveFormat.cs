using System.Text.RegularExpressions;

namespace PluginBot.Plugins.Ollama;

/// <summary>
/// Ollama reads keep_alive as a Go duration (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>-1m</c>) or a bare number of
/// seconds. A bare number is written with an <c>s</c>, since the request carries it as a string.
/// </summary>
internal static partial class KeepAliveFormat
{
    public static bool TryNormalize(string text, out string keepAlive)
    {
        var trimmed = text.Trim();
        if (BareSeconds().IsMatch(trimmed))
        {
            keepAlive = trimmed + "s";
            return true;
        }

        keepAlive = trimmed;
        return GoDuration().IsMatch(trimmed);
    }

    [GeneratedRegex(@"^-?\d+$")]
    private static partial Regex BareSeconds();

    [GeneratedRegex(@"^-?(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$")]
    private static partial Regex GoDuration();
}
