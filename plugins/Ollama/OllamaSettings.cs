using System.Globalization;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Ollama;

/// <summary>The plugin's settings, read from <c>Plugins:Ollama</c> and checked once at start.</summary>
/// <param name="Url">Where Ollama listens.</param>
/// <param name="DefaultModel">The model used when a reference names only the endpoint.</param>
/// <param name="KeepAlive">Ollama's keep_alive for chat requests, as a duration such as <c>5m</c>; null leaves Ollama's own default.</param>
/// <param name="Timeout">The HTTP time-out of one call, and the longest silence allowed inside a streamed answer.</param>
internal sealed record OllamaSettings(Uri Url, string? DefaultModel, string? KeepAlive, TimeSpan Timeout)
{
    public const string UrlKey = "Url";
    public const string DefaultModelKey = "DefaultModel";
    public const string KeepAliveKey = "KeepAlive";
    public const string TimeoutSecondsKey = "TimeoutSeconds";

    public static readonly Uri DefaultUrl = new("http://localhost:11434");
    public const int DefaultTimeoutSeconds = 600;
    public const int MaxTimeoutSeconds = 86_400;

    /// <summary>The URL as it may be shown (logs, readiness, errors): a user and password in it become <c>***</c>.</summary>
    public string DisplayUrl => Redaction.Url(Url);

    /// <summary>Where requests go: the URL without its user and password, which travel as basic authentication instead.</summary>
    public Uri Address => Url.UserInfo.Length == 0 ? Url : new UriBuilder(Url) { UserName = "", Password = "" }.Uri;

    /// <summary>
    /// <c>user:password</c> from the URL (unescaped), for a proxy in front of Ollama that asks for basic authentication;
    /// null without. HttpClient does not send a URL's user info by itself.
    /// </summary>
    public string? BasicCredentials => Url.UserInfo.Length == 0 ? null : Uri.UnescapeDataString(Url.UserInfo);

    /// <summary>How a person names the URL setting: the flat environment name first.</summary>
    public static string UrlSettingName(string sectionPath) => $"OLLAMA_URL ({sectionPath}:{UrlKey})";

    /// <summary>Reads and checks the section; throws <see cref="PluginNotConfiguredException"/> naming every bad setting.</summary>
    public static OllamaSettings Read(IConfiguration section, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<string>();

        var url = ReadUrl(section[UrlKey], sectionPath, problems);
        var keepAlive = ReadKeepAlive(section[KeepAliveKey], sectionPath, problems);
        var timeout = ReadTimeout(section[TimeoutSecondsKey], sectionPath, problems);
        var defaultModel = string.IsNullOrWhiteSpace(section[DefaultModelKey]) ? null : section[DefaultModelKey]!.Trim();

        if (problems.Count > 0)
        {
            throw new PluginNotConfiguredException(string.Join("; ", problems));
        }

        return new OllamaSettings(url, defaultModel, keepAlive, timeout);
    }

    private static Uri ReadUrl(string? text, string sectionPath, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultUrl;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        problems.Add($"{UrlSettingName(sectionPath)}: '{Redaction.Text(text)}' is not an http(s) URL; set the address Ollama listens on, such as {DefaultUrl}");
        return DefaultUrl;
    }

    private static string? ReadKeepAlive(string? text, string sectionPath, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (KeepAliveFormat.TryNormalize(text, out var keepAlive))
        {
            return keepAlive;
        }

        problems.Add($"{sectionPath}:{KeepAliveKey}: '{text}' is not a duration; use a number with a unit such as 30s, 5m or 1h (0 unloads at once, -1 keeps the model loaded)");
        return null;
    }

    private static TimeSpan ReadTimeout(string? text, string sectionPath, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(DefaultTimeoutSeconds);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxTimeoutSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add($"{sectionPath}:{TimeoutSecondsKey}: '{text}' is not a whole number of seconds from 1 to {MaxTimeoutSeconds}; local generations can be long, {DefaultTimeoutSeconds} is a good start");
        return TimeSpan.FromSeconds(DefaultTimeoutSeconds);
    }
}
