using PluginBot.TestKit;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

public sealed class CommandMenuTests
{
    [Fact]
    public async Task An_admin_who_has_written_to_the_bot_sees_the_admin_commands_in_their_chat()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        fake.SendCommand(HostFixture.AdminId, HostFixture.AdminId, "start");
        var bot = new StandaloneBot(fake);
        await bot.InitializeAsync();
        try
        {
            await Eventually.UntilAsync(() => fake.Commands.Any(c => c.Scope.StartsWith("chat", StringComparison.Ordinal)));

            var adminMenu = fake.Commands.Single(c => c.Scope == $"chat:{HostFixture.AdminId}").Commands.Select(c => c.Key).ToList();
            var everyone = fake.Commands.Single(c => c.Scope == "default").Commands.Select(c => c.Key).ToList();
            Assert.Contains("allow", adminMenu);
            Assert.Contains("plugins", adminMenu);
            Assert.Contains("help", adminMenu);
            Assert.DoesNotContain("allow", everyone);
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }
}
