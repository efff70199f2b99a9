using PluginBot.TestKit;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

public sealed class RateLimitTests
{
    private const long Admin = HostFixture.AdminId;

    [Fact]
    public async Task Commands_from_Telegram_go_through_the_kernels_rate_limit()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        var bot = new StandaloneBot(fake, extra: new Dictionary<string, string?>
        {
            ["Kernel:RateLimit:PermitsPerMinute"] = "1",
            ["Kernel:RateLimit:Burst"] = "2",
        });
        await bot.InitializeAsync();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                fake.SendCommand(Admin, Admin, "users");
            }

            var replies = await bot.RepliesAsync(Admin, 4);

            Assert.Equal(2, replies.Count(r => r.Text.StartsWith("Too many requests; try again in", StringComparison.Ordinal)));
            Assert.Equal(2, replies.Count(r => r.Text.Contains("admin", StringComparison.Ordinal)));
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }
}
