using Telegram.Bot;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Client;

/// <summary>
/// The Bot API client and what the plugin learned about the bot. The client's own retries are off (RetryCount 0)
/// so that the flood-aware sender sees every 429 and honours its retry_after. The HTTP client logs nothing: the
/// token is part of every request path.
/// </summary>
internal sealed class TelegramBot : IDisposable
{
    private readonly HttpClient _http;

    public TelegramBot(TelegramSettings settings, Operations.TelegramMetrics? metrics = null)
    {
        HttpMessageHandler sockets = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(metrics is null ? sockets : new Operations.BotApiMetricsHandler(metrics) { InnerHandler = sockets })
        {
            // A long poll may legitimately wait PollTimeout; anything beyond that plus a margin is a dead connection.
            Timeout = settings.PollTimeout + TimeSpan.FromSeconds(30),
        };
        Client = new TelegramBotClient(new TelegramBotClientOptions(settings.BotToken, settings.ApiUrl) { RetryCount = 0 }, _http);
        BotId = Client.BotId;
    }

    public ITelegramBotClient Client { get; }

    public long BotId { get; }

    /// <summary>The bot's @username, known after <see cref="IdentifyAsync"/>; commands and mentions in groups name it.</summary>
    public string? Username { get; private set; }

    /// <summary>False once the Bot API server answered that it has no drafts; live replies then edit a message.</summary>
    public bool DraftsAvailable { get; set; } = true;

    /// <summary>When the last call to Telegram succeeded, for the readiness check.</summary>
    public DateTimeOffset? LastContact { get; set; }

    public string? LastError { get; set; }

    public async Task<User> IdentifyAsync(CancellationToken cancellationToken)
    {
        var me = await Client.GetMe(cancellationToken);
        Username = me.Username;
        return me;
    }

    public void Dispose() => _http.Dispose();
}
