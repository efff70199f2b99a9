using System.Globalization;
using PluginBot.Abstractions;

namespace PluginBot.Plugins.Ollama;

/// <summary>The plugin's typed settings, made from <see cref="OllamaOptions"/> once they are validated.</summary>
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

    /// <summary>The typed settings of options <see cref="OllamaOptionsValidator"/> accepted.</summary>
    public static OllamaSettings From(OllamaOptions options)
    {
        var problems = new List<string>();
        var settings = Parse(options, key => key, problems);
        return problems.Count == 0 ? settings : throw new InvalidOperationException("Ollama settings were used without being validated: " + string.Join("; ", problems));
    }

    /// <summary>Reads the options, adding one sentence per bad setting to <paramref name="problems"/>.</summary>
    public static OllamaSettings Parse(OllamaOptions options, Func<string, string> settingName, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settingName);
        ArgumentNullException.ThrowIfNull(problems);
        var url = ReadUrl(options.Url, settingName, problems);
        var keepAlive = ReadKeepAlive(options.KeepAlive, settingName, problems);
        var timeout = ReadTimeout(options.TimeoutSeconds, settingName, problems);
        var defaultModel = string.IsNullOrWhiteSpace(options.DefaultModel) ? null : options.DefaultModel.Trim();
        return new OllamaSettings(url, defaultModel, keepAlive, timeout);
    }

    private static Uri ReadUrl(string? text, Func<string, string> settingName, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultUrl;
        }

        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            return url;
        }

        problems.Add($"{settingName(UrlKey)}: '{Redaction.Text(text)}' is not an http(s) URL; set the address Ollama listens on, such as {DefaultUrl}");
        return DefaultUrl;
    }

    private static string? ReadKeepAlive(string? text, Func<string, string> settingName, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (KeepAliveFormat.TryNormalize(text, out var keepAlive))
        {
            return keepAlive;
        }

        problems.Add($"{settingName(KeepAliveKey)}: '{text}' is not a duration; use a number with a unit such as 30s, 5m or 1h (0 unloads at once, -1 keeps the model loaded)");
        return null;
    }

    private static TimeSpan ReadTimeout(string? text, Func<string, string> settingName, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimeSpan.FromSeconds(DefaultTimeoutSeconds);
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= MaxTimeoutSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add($"{settingName(TimeoutSecondsKey)}: '{text}' is not a whole number of seconds from 1 to {MaxTimeoutSeconds}; local generations can be long, {DefaultTimeoutSeconds} is a good start");
        return TimeSpan.FromSeconds(DefaultTimeoutSeconds);
    }
}
