using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Plugins.Telegram.Client;
using PluginBot.Plugins.Telegram.Sending;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.Sending;

/// <summary>The real sender and Telegram.Bot client against the fake Bot API, with Telegram's limits scaled down ten times.</summary>
internal sealed class SenderRig : IAsyncDisposable
{
    public const long User = 5001;
    public const long Group = -1_005_001;

    private SenderRig(FakeTelegramServer fake, TimeProvider time)
    {
        Fake = fake;
        var settings = new TelegramSettings
        {
            BotToken = fake.Token,
            ApiUrl = fake.ApiUrl,
            Limits = new SendLimits
            {
                PrivateChatSpacing = TimeSpan.FromMilliseconds(110),
                GroupSpacing = TimeSpan.FromMilliseconds(330),
                GlobalSpacing = TimeSpan.FromMilliseconds(3.7),
            },
        };
        Bot = new TelegramBot(settings);
        Sender = new FloodAwareSender(Bot, new SendSchedule(settings.Limits, time), time, NullLogger<FloodAwareSender>.Instance);
    }

    public FakeTelegramServer Fake { get; }

    public TelegramBot Bot { get; }

    public FloodAwareSender Sender { get; }

    public static async Task<SenderRig> StartAsync(TimeProvider? time = null)
    {
        var fake = new FakeTelegramServer
        {
            Limits = new FloodLimits
            {
                PrivateChat = new RateLimit(3, TimeSpan.FromMilliseconds(300)),
                GroupChat = new RateLimit(20, TimeSpan.FromSeconds(6)),
                Global = new RateLimit(30, TimeSpan.FromMilliseconds(100)),
            },
        };
        await fake.StartAsync();
        fake.SendText(User, User, "hi");
        fake.AddGroup(Group, "Team");
        return new SenderRig(fake, time ?? TimeProvider.System);
    }

    public int RequestsTo(string method) =>
        Fake.Requests.Count(r => r.Path.EndsWith("/" + method, StringComparison.OrdinalIgnoreCase));

    public async ValueTask DisposeAsync()
    {
        Bot.Dispose();
        await Fake.DisposeAsync();
    }
}
