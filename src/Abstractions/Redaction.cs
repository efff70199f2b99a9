using System.Text.RegularExpressions;

namespace PluginBot.Abstractions;

/// <summary>
/// The one rule for showing text that may hold credentials (in logs, health reasons, chat messages, errors and
/// <c>config check</c>): the user and password of a URL become <c>***</c> (<c>http://***@host</c>), as do the values of
/// query parameters that carry secrets (<c>token</c>, <c>key</c>, <c>secret</c>, <c>password</c>, <c>sig</c>, …) and
/// Telegram bot tokens (<c>/bot***/</c>). Everything else is kept, so the address still says where to look.
/// </summary>
public static partial class Redaction
{
    /// <summary>The mark put where a credential was.</summary>
    public const string Mark = "***";

    /// <summary>A URL as it may be shown.</summary>
    public static string Url(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return Text(url.ToString());
    }

    /// <summary>
    /// <paramref name="text"/> with every credential found in it replaced; the same instance when there is none.
    /// Null gives an empty string.
    /// </summary>
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var redacted = UserInfo().Replace(text, $"${{scheme}}{Mark}@");
        redacted = SecretParameter().Replace(redacted, $"${{name}}={Mark}");
        redacted = BotToken().Replace(redacted, $"${{prefix}}{Mark}");
        return string.Equals(redacted, text, StringComparison.Ordinal) ? text : redacted;
    }

    [GeneratedRegex(@"(?<scheme>\b[a-z][a-z0-9+.\-]*://)[^\s/?#]+@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UserInfo();

    [GeneratedRegex(
        @"(?<=[?&;])(?<name>[a-z0-9_.\-]*(?:token|key|secret|password|passwd|pwd|sig|signature|auth|credential)[a-z0-9_.\-]*)=[^&\s#""'<>]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretParameter();

    [GeneratedRegex(@"(?<prefix>/bot)\d+:[A-Za-z0-9_\-]+", RegexOptions.CultureInvariant)]
    private static partial Regex BotToken();
}
