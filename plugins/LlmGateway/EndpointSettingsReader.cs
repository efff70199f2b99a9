using System.Globalization;
using System.Text.RegularExpressions;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>
/// Reads the endpoints from <see cref="LlmGatewayOptions"/>: the default endpoint <c>gateway</c> from the section itself
/// (the flat names <c>LLM_GATEWAY_URL</c> and <c>LLM_GATEWAY_TOKEN</c>), more under <c>Endpoints:&lt;name&gt;</c>.
/// Every problem found is reported at once (the validator turns them into a NotConfigured plugin); URLs and tokens are
/// never quoted (a number out of range is: it holds no secret).
/// </summary>
internal static partial class EndpointSettingsReader
{
    public const string DefaultEndpointName = "gateway";

    private const double MinSeconds = 0.1;
    private const double MaxSeconds = 86_400;

    /// <summary>The endpoints of options <see cref="EndpointOptionsValidator"/> accepted.</summary>
    public static IReadOnlyList<EndpointSettings> From(LlmGatewayOptions options, string sectionPath, Func<string, string> settingName)
    {
        var problems = new List<string>();
        var endpoints = Parse(options, sectionPath, settingName, problems);
        return problems.Count == 0 ? endpoints : throw new InvalidOperationException("LlmGateway settings were used without being validated: " + string.Join("; ", problems));
    }

    /// <summary>Reads every endpoint, adding one sentence per bad setting to <paramref name="problems"/>.</summary>
    public static IReadOnlyList<EndpointSettings> Parse(LlmGatewayOptions options, string sectionPath, Func<string, string> settingName, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settingName);
        ArgumentNullException.ThrowIfNull(problems);
        var endpoints = new List<EndpointSettings>();
        var urlFlat = settingName("Url");
        if (HasAny(options))
        {
            var names = new SettingNames(sectionPath, urlFlat, settingName("Token"));
            AddIfValid(endpoints, ReadOne(DefaultEndpointName, options, names, problems));
        }

        foreach (var (key, child) in options.Endpoints.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
        {
            var prefix = $"{sectionPath}:Endpoints:{key}";
            var name = key.ToLowerInvariant();
            if (!EndpointName().IsMatch(name))
            {
                problems.Add($"{prefix}: an endpoint name is lowercase letters, digits, '-' or '_' (it is written before the colon in 'endpoint:model')");
                continue;
            }

            if (endpoints.Any(e => e.Name == name))
            {
                problems.Add($"{prefix}: the endpoint '{name}' is already configured by {urlFlat}; remove one of them");
                continue;
            }

            AddIfValid(endpoints, ReadOne(name, child, new SettingNames(prefix, $"{prefix}:Url", $"{prefix}:Token"), problems));
        }

        if (problems.Count == 0 && endpoints.Count == 0)
        {
            problems.Add($"{urlFlat}: set the URL of an OpenAI-compatible gateway such as LiteLLM (e.g. http://127.0.0.1:4000), or configure {sectionPath}:Endpoints:<name>");
        }

        return endpoints;
    }

    private static bool HasAny(EndpointOptions options) =>
        new[] { options.Url, options.Token, options.Kind, options.DefaultModel }.Any(value => !string.IsNullOrWhiteSpace(value));

    private static void AddIfValid(List<EndpointSettings> endpoints, EndpointSettings? endpoint)
    {
        if (endpoint is not null)
        {
            endpoints.Add(endpoint);
        }
    }

    private static EndpointSettings? ReadOne(string name, EndpointOptions section, SettingNames names, List<string> problems)
    {
        var before = problems.Count;
        var kind = (Trimmed(section.Kind) ?? EndpointSettings.OpenAiKind).ToLowerInvariant();
        if (kind is not (EndpointSettings.OpenAiKind or EndpointSettings.AnthropicKind))
        {
            problems.Add($"{names.Prefix}:Kind: use '{EndpointSettings.OpenAiKind}' (any OpenAI-compatible API) or '{EndpointSettings.AnthropicKind}'");
        }

        var url = ReadUrl(section, names, kind, problems);
        var token = Trimmed(section.Token);
        if (ReadBool(section.RequireToken, "RequireToken", true, names, problems) && token is null)
        {
            problems.Add($"{names.Token}: set the API key of the endpoint '{name}', or set {names.Prefix}:RequireToken=false for a gateway without keys");
        }

        var timeout = ReadSeconds(section.TimeoutSeconds, "TimeoutSeconds", 600, names, problems);
        var readyTimeout = ReadSeconds(section.ReadyTimeoutSeconds, "ReadyTimeoutSeconds", 5, names, problems);
        var isLocal = ReadBool(section.IsLocal, "IsLocal", false, names, problems);
        return problems.Count > before ? null : new EndpointSettings
        {
            Name = name,
            Kind = kind,
            Url = url,
            Token = token,
            DefaultModel = Trimmed(section.DefaultModel),
            IsLocal = isLocal,
            Timeout = timeout,
            ReadyTimeout = readyTimeout,
            UrlSetting = names.Url,
            TokenSetting = names.Token,
            TimeoutSetting = $"{names.Prefix}:TimeoutSeconds",
        };
    }

    private static Uri? ReadUrl(EndpointOptions section, SettingNames names, string kind, List<string> problems)
    {
        var text = Trimmed(section.Url);
        if (text is null)
        {
            if (kind != EndpointSettings.AnthropicKind)
            {
                problems.Add($"{names.Url}: set the URL of the OpenAI-compatible API (e.g. http://127.0.0.1:4000)");
            }

            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0)
        {
            return url;
        }

        problems.Add($"{names.Url}: not an absolute http(s) URL; write it like http://127.0.0.1:4000");
        return null;
    }

    private static bool ReadBool(string? raw, string key, bool fallback, SettingNames names, List<string> problems)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{names.Prefix}:{key}: write true or false");
        return fallback;
    }

    private static TimeSpan ReadSeconds(string? raw, string key, int fallback, SettingNames names, List<string> problems)
    {
        var text = Trimmed(raw);
        if (text is null)
        {
            return TimeSpan.FromSeconds(fallback);
        }

        // Bounded: TimeSpan.FromSeconds throws on a huge value, and a day is longer than any generation.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= MinSeconds and <= MaxSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{names.Prefix}:{key} must be {MinSeconds}–{MaxSeconds:N0} seconds, e.g. {fallback}; got {text}"));
        return TimeSpan.FromSeconds(fallback);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex EndpointName();

    private sealed record SettingNames(string Prefix, string Url, string Token);
}
