using Microsoft.Extensions.DependencyInjection;
using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

/// <summary>
/// A bot host of its own, for tests that restart it, point it at a misbehaving Bot API, or use a webhook. Flood
/// control is off on both sides: these tests are about receiving updates. With a <paramref name="clock"/>, the whole
/// host runs on it, so the polling loop's waits last until the test moves the clock.
/// </summary>
public sealed class StandaloneBot(FakeTelegramServer telegram, string? databasePath = null, IReadOnlyDictionary<string, string?>? extra = null, TimeProvider? clock = null) : HostFixture
{
    public FakeTelegramServer Telegram => telegram;

    protected override IReadOnlyDictionary<string, string?> Configuration
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Plugins:Telegram:BotToken"] = telegram.Token,
                ["Plugins:Telegram:ApiUrl"] = telegram.ApiUrl,
                ["Plugins:Telegram:PollTimeoutSeconds"] = "1",
                ["Plugins:Telegram:Limits:PrivateChatSpacingMs"] = "0",
                ["Plugins:Telegram:Limits:GroupSpacingMs"] = "0",
                ["Plugins:Telegram:Limits:GlobalSpacingMs"] = "0",
                ["Plugins:LlmGateway:Enabled"] = "false",
            };
            if (databasePath is not null)
            {
                settings["Kernel:Database"] = databasePath;
            }

            foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
    }

    public static async Task<FakeTelegramServer> StartFakeAsync(TimeSpan? maxLongPoll = null)
    {
        var fake = new FakeTelegramServer { Limits = new FloodLimits { Enabled = false }, MaxLongPoll = maxLongPoll ?? TimeSpan.FromMilliseconds(500) };
        await fake.StartAsync();
        return fake;
    }

    public int GetUpdatesCalls => telegram.Requests.Count(r => r.Path.EndsWith("/getUpdates", StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<FakeSentMessage>> RepliesAsync(long chatId, int count)
    {
        await Eventually.UntilAsync(() => telegram.SentMessages(chatId).Count >= count);
        return telegram.SentMessages(chatId);
    }

    /// <summary>Waits until the bot has handled every update sent so far, so that what it did not send never comes.</summary>
    public Task AllHandledAsync() => BotInbox.AllHandledAsync(telegram, databasePath ?? CurrentDatabasePath);
}
