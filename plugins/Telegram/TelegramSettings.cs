using System.Globalization;
using PluginBot.Abstractions;

namespace PluginBot.Plugins.Telegram;

/// <summary>The plugin's typed settings, made from <see cref="TelegramOptions"/> once they are validated.</summary>
internal sealed record TelegramSettings
{
    public const string DefaultApiUrl = "https://api.telegram.org";

    public required string BotToken { get; init; }

    /// <summary>The Bot API server (a self-hosted one when set); the client appends <c>/bot{token}/{method}</c>.</summary>
    public string ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>The Bot API address for logs: any user:password a self-hosted server's URL may carry shown as <c>***</c>.</summary>
    public string ApiUrlForDisplay => Display(new Uri(ApiUrl));

    /// <summary>The webhook address for logs, likewise redacted (secrets in its query too).</summary>
    public string? WebhookUrlForDisplay => WebhookUrl is null ? null : Display(WebhookUrl);

    /// <summary>When set, Telegram posts updates here instead of the bot long-polling.</summary>
    public Uri? WebhookUrl { get; init; }

    public string? WebhookSecret { get; init; }

    /// <summary>How long one <c>getUpdates</c> call waits for updates.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>At least this long between two polls that brought nothing, so a server that never waits is not hammered.</summary>
    public TimeSpan MinEmptyPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many conversations are served at once; each conversation's updates still run in order.</summary>
    public int MaxConcurrentConversations { get; init; } = 32;

    public SendLimits Limits { get; init; } = new();

    /// <summary>Whether to stream private answers as drafts (sendMessageDraft) rather than edited messages.</summary>
    public bool UseDrafts { get; init; } = true;

    /// <summary>The typed settings of options <see cref="TelegramOptionsValidator"/> accepted.</summary>
    public static TelegramSettings From(TelegramOptions options)
    {
        var problems = new List<string>();
        var settings = Parse(options, key => key, problems);
        return settings is not null && problems.Count == 0
            ? settings
            : throw new InvalidOperationException("Telegram settings were used without being validated: " + string.Join("; ", problems));
    }

    /// <summary>
    /// Reads the options, adding one sentence per bad setting to <paramref name="problems"/> (named through
    /// <paramref name="settingName"/>, flat name first); null when the token is missing, which is the only problem then.
    /// </summary>
    public static TelegramSettings? Parse(TelegramOptions options, Func<string, string> settingName, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settingName);
        ArgumentNullException.ThrowIfNull(problems);
        var token = options.BotToken?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            problems.Add($"{settingName("BotToken")} is not set: create a bot with @BotFather and set its token");
            return null;
        }

        if (!LooksLikeToken(token))
        {
            problems.Add($"{settingName("BotToken")} does not look like a bot token (digits, a colon, then letters, digits, _ and -): copy it again from @BotFather");
        }

        var apiUrl = options.ApiUrl?.Trim().TrimEnd('/');
        if (!string.IsNullOrEmpty(apiUrl) && !IsHttpUrl(apiUrl))
        {
            problems.Add($"{settingName("ApiUrl")} is not an http(s) URL; leave it empty for the public Bot API");
        }

        Uri? webhook = null;
        var webhookText = options.WebhookUrl?.Trim();
        if (!string.IsNullOrEmpty(webhookText) && (!Uri.TryCreate(webhookText, UriKind.Absolute, out webhook) || !IsHttpUrl(webhookText)))
        {
            problems.Add($"{settingName("WebhookUrl")}: '{Redaction.Text(webhookText)}' is not an http(s) URL; Telegram needs the public HTTPS address of this bot's webhook path");
            webhook = null;
        }

        // Telegram's public server posts only to HTTPS; a self-hosted Bot API server may post to plain HTTP.
        if (webhook is not null && webhook.Scheme != Uri.UriSchemeHttps && string.IsNullOrEmpty(apiUrl))
        {
            problems.Add($"{settingName("WebhookUrl")}: Telegram posts updates only to https:// addresses; put TLS in front of the bot (see docs/telegram.md)");
        }

        var secret = options.WebhookSecret?.Trim();
        if (webhook is not null && string.IsNullOrEmpty(secret))
        {
            problems.Add($"{settingName("WebhookSecret")} is required with a webhook, so that only Telegram can post updates: use 1–256 characters of A–Z, a–z, 0–9, _ and -");
        }
        else if (!string.IsNullOrEmpty(secret) && (secret.Length > 256 || !secret.All(IsSecretChar)))
        {
            problems.Add($"{settingName("WebhookSecret")} may hold only 1–256 characters of A–Z, a–z, 0–9, _ and -");
        }

        var pollSeconds = ReadInt(options.PollTimeoutSeconds, "PollTimeoutSeconds", 50, 0, 100, settingName, problems);
        var concurrency = ReadInt(options.MaxConcurrentConversations, "MaxConcurrentConversations", 32, 1, 1024, settingName, problems);
        var useDrafts = ReadBool(options.UseDrafts, "UseDrafts", true, settingName, problems);
        var limits = SendLimits.Read(options.Limits, key => settingName("Limits:" + key), problems);

        return new TelegramSettings
        {
            BotToken = token,
            ApiUrl = string.IsNullOrEmpty(apiUrl) ? DefaultApiUrl : apiUrl,
            WebhookUrl = webhook,
            WebhookSecret = string.IsNullOrEmpty(secret) ? null : secret,
            PollTimeout = TimeSpan.FromSeconds(pollSeconds),
            MaxConcurrentConversations = concurrency,
            UseDrafts = useDrafts,
            Limits = limits,
        };
    }

    private static bool ReadBool(string? text, string key, bool fallback, Func<string, string> settingName, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{settingName(key)}: '{text}' is not true or false");
        return fallback;
    }

    private static string Display(Uri url) => Redaction.Url(url).TrimEnd('/');

    private static bool LooksLikeToken(string token)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && token[..colon].All(char.IsAsciiDigit) && token.Length > colon + 1 && token[(colon + 1)..].All(IsSecretChar);
    }

    private static bool IsSecretChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static int ReadInt(string? text, string key, int fallback, int min, int max, Func<string, string> settingName, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{settingName(key)}: '{text}' is not a whole number from {min} to {max}");
        return fallback;
    }
}

/// <summary>
/// What the sender allows itself: about a tenth below Telegram's documented limits (1 message a second per private
/// chat, 20 a minute per group, 30 a second in all). Spacing sends evenly keeps every sliding window under its
/// limit; the margin absorbs network jitter, which can bring two evenly sent requests closer together on arrival.
/// </summary>
internal sealed record SendLimits
{
    public TimeSpan PrivateChatSpacing { get; init; } = TimeSpan.FromSeconds(1.1);

    public TimeSpan GroupSpacing { get; init; } = TimeSpan.FromSeconds(3.3);

    public TimeSpan GlobalSpacing { get; init; } = TimeSpan.FromSeconds(1.1 / 30);

    /// <summary>How often a streamed answer's draft is refreshed when nothing changed (a draft lives about 30 s).</summary>
    public TimeSpan DraftRefresh { get; init; } = TimeSpan.FromSeconds(20);

    public static SendLimits Read(TelegramLimitsOptions options, Func<string, string> settingName, List<string> problems)
    {
        var limits = new SendLimits();
        return limits with
        {
            PrivateChatSpacing = Milliseconds(options.PrivateChatSpacingMs, "PrivateChatSpacingMs", settingName, problems) ?? limits.PrivateChatSpacing,
            GroupSpacing = Milliseconds(options.GroupSpacingMs, "GroupSpacingMs", settingName, problems) ?? limits.GroupSpacing,
            GlobalSpacing = Milliseconds(options.GlobalSpacingMs, "GlobalSpacingMs", settingName, problems) ?? limits.GlobalSpacing,
            DraftRefresh = Milliseconds(options.DraftRefreshMs, "DraftRefreshMs", settingName, problems) ?? limits.DraftRefresh,
        };
    }

    private static TimeSpan? Milliseconds(string? text, string key, Func<string, string> settingName, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 600_000)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        problems.Add($"{settingName(key)}: '{text}' is not a number of milliseconds from 0 to 600000");
        return null;
    }
}
