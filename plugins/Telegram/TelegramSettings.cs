using System.Globalization;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Telegram;

/// <summary>The plugin's settings, read from <c>Plugins:Telegram</c> and checked once at start.</summary>
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

    public static TelegramSettings Read(IConfiguration section, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(section);
        var problems = new List<string>();
        var token = section["BotToken"]?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            throw new PluginNotConfiguredException($"TELEGRAM_BOT_TOKEN ({sectionPath}:BotToken) is not set: create a bot with @BotFather and set its token");
        }

        if (!LooksLikeToken(token))
        {
            problems.Add($"TELEGRAM_BOT_TOKEN ({sectionPath}:BotToken) does not look like a bot token (digits, a colon, then letters, digits, _ and -): copy it again from @BotFather");
        }

        var apiUrl = section["ApiUrl"]?.Trim().TrimEnd('/');
        if (!string.IsNullOrEmpty(apiUrl) && !IsHttpUrl(apiUrl))
        {
            problems.Add($"TELEGRAM_API_URL ({sectionPath}:ApiUrl) is not an http(s) URL; leave it empty for the public Bot API");
        }

        Uri? webhook = null;
        var webhookText = section["WebhookUrl"]?.Trim();
        if (!string.IsNullOrEmpty(webhookText) && (!Uri.TryCreate(webhookText, UriKind.Absolute, out webhook) || !IsHttpUrl(webhookText)))
        {
            problems.Add($"TELEGRAM_WEBHOOK_URL ({sectionPath}:WebhookUrl): '{Redaction.Text(webhookText)}' is not an http(s) URL; Telegram needs the public HTTPS address of this bot's webhook path");
            webhook = null;
        }

        // Telegram's public server posts only to HTTPS; a self-hosted Bot API server may post to plain HTTP.
        if (webhook is not null && webhook.Scheme != Uri.UriSchemeHttps && string.IsNullOrEmpty(apiUrl))
        {
            problems.Add($"TELEGRAM_WEBHOOK_URL ({sectionPath}:WebhookUrl): Telegram posts updates only to https:// addresses; put TLS in front of the bot (see docs/telegram.md)");
        }

        var secret = section["WebhookSecret"]?.Trim();
        if (webhook is not null && string.IsNullOrEmpty(secret))
        {
            problems.Add($"TELEGRAM_WEBHOOK_SECRET ({sectionPath}:WebhookSecret) is required with a webhook, so that only Telegram can post updates: use 1–256 characters of A–Z, a–z, 0–9, _ and -");
        }
        else if (!string.IsNullOrEmpty(secret) && (secret.Length > 256 || !secret.All(IsSecretChar)))
        {
            problems.Add($"TELEGRAM_WEBHOOK_SECRET ({sectionPath}:WebhookSecret) may hold only 1–256 characters of A–Z, a–z, 0–9, _ and -");
        }

        var pollSeconds = ReadInt(section, "PollTimeoutSeconds", 50, 0, 100, sectionPath, problems);
        var concurrency = ReadInt(section, "MaxConcurrentConversations", 32, 1, 1024, sectionPath, problems);
        var useDrafts = ReadBool(section, "UseDrafts", true, sectionPath, problems);
        var limits = SendLimits.Read(section.GetSection("Limits"), $"{sectionPath}:Limits", problems);
        if (problems.Count > 0)
        {
            throw new PluginNotConfiguredException(string.Join("; ", problems));
        }

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

    private static bool ReadBool(IConfiguration section, string key, bool fallback, string sectionPath, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add($"{sectionPath}:{key}: '{text}' is not true or false");
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

    private static int ReadInt(IConfiguration section, string key, int fallback, int min, int max, string sectionPath, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"{sectionPath}:{key}: '{text}' is not a whole number from {min} to {max}");
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

    public static SendLimits Read(IConfiguration section, string sectionPath, List<string> problems)
    {
        var limits = new SendLimits();
        return limits with
        {
            PrivateChatSpacing = Milliseconds(section, "PrivateChatSpacingMs", sectionPath, problems) ?? limits.PrivateChatSpacing,
            GroupSpacing = Milliseconds(section, "GroupSpacingMs", sectionPath, problems) ?? limits.GroupSpacing,
            GlobalSpacing = Milliseconds(section, "GlobalSpacingMs", sectionPath, problems) ?? limits.GlobalSpacing,
            DraftRefresh = Milliseconds(section, "DraftRefreshMs", sectionPath, problems) ?? limits.DraftRefresh,
        };
    }

    private static TimeSpan? Milliseconds(IConfiguration section, string key, string sectionPath, List<string> problems)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms is >= 0 and <= 600_000)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        problems.Add($"{sectionPath}:{key}: '{text}' is not a number of milliseconds from 0 to 600000");
        return null;
    }
}
