using PluginBot.TestKit.Telegram;
using Telegram.Bot;

namespace PluginBot.TestKit.Tests.Telegram;

internal static class TelegramClients
{
    public const long Alice = 1001;
    public const long Bob = 1002;
    public const long Forum = -1009001;

    public static async Task<FakeTelegramServer> StartFakeAsync(FloodLimits? limits = null)
    {
        var fake = new FakeTelegramServer { Limits = limits ?? new FloodLimits { Enabled = false } };
        await fake.StartAsync();
        fake.AddUser(Alice, "Alice", "alice");
        fake.AddUser(Bob, "Bob");
        fake.AddGroup(Forum, "Plugin lab", isForum: true);
        return fake;
    }

    /// <summary>A client that surfaces 429s instead of retrying them (Telegram.Bot retries short waits by default).</summary>
    public static TelegramBotClient Client(FakeTelegramServer fake, string? token = null) =>
        new(new TelegramBotClientOptions(token ?? fake.Token, fake.ApiUrl) { RetryCount = 0 });
}
