using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

public sealed class PollingTests
{
    private const long User = HostFixture.UserId;

    [Fact]
    public async Task A_server_that_answers_at_once_without_waiting_is_not_hammered()
    {
        var clock = new RecordingClock(DateTimeOffset.UtcNow);
        await using var fake = await StandaloneBot.StartFakeAsync(maxLongPoll: TimeSpan.Zero);
        var bot = new StandaloneBot(fake, clock: clock);
        await bot.InitializeAsync();
        try
        {
            await Eventually.UntilAsync(() => bot.GetUpdatesCalls > 0);
            var before = bot.GetUpdatesCalls;

            // Each empty answer comes at once; the next poll waits for a second of the bot's clock, so one a second.
            await clock.UntilWaitingAsync(TimeSpan.FromSeconds(1));
            for (var second = 1; second <= 3; second++)
            {
                Assert.Equal(before + second - 1, bot.GetUpdatesCalls);
                var since = clock.Waits.Count;
                clock.Advance(TimeSpan.FromSeconds(1));
                await clock.UntilWaitingAsync(TimeSpan.FromSeconds(1), since);
            }

            Assert.Equal(before + 3, bot.GetUpdatesCalls);
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task Polling_errors_back_off_and_the_bot_recovers()
    {
        var clock = new RecordingClock(DateTimeOffset.UtcNow);
        await using var fake = await StandaloneBot.StartFakeAsync(maxLongPoll: TimeSpan.Zero);
        var bot = new StandaloneBot(fake, clock: clock);
        await bot.InitializeAsync();
        try
        {
            await Eventually.UntilAsync(() => bot.GetUpdatesCalls > 0);
            fake.FailNext("getUpdates", TelegramErrors.ServerError, times: 3);
            await clock.UntilWaitingAsync(TimeSpan.FromSeconds(1)); // after the first, empty, poll
            var before = bot.GetUpdatesCalls;

            // Waits of 1 s, 2 s, 4 s ...: a failing server sees one call per wait, not a busy loop.
            var waited = TimeSpan.FromSeconds(1);
            foreach (var backoff in new[] { 1, 2, 4 })
            {
                var since = clock.Waits.Count;
                clock.Advance(waited);
                waited = TimeSpan.FromSeconds(backoff);
                await clock.UntilWaitingAsync(waited, since);
                Assert.Equal(before + Array.IndexOf([1, 2, 4], backoff) + 1, bot.GetUpdatesCalls);
            }

            Assert.Contains(bot.Logs.Lines, l => l.Contains("Polling Telegram failed", StringComparison.Ordinal));

            fake.MaxLongPoll = TimeSpan.FromMinutes(1); // the next poll waits for the command below
            clock.Advance(waited);
            await Eventually.UntilAsync(() => fake.Polling);
            fake.SendCommand(User, User, "whoami");
            await bot.RepliesAsync(User, 1);
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_409_conflict_says_another_instance_is_polling()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        var bot = new StandaloneBot(fake);
        await bot.InitializeAsync();
        try
        {
            fake.FailNext("getUpdates", new TelegramError(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));

            await Eventually.UntilAsync(() => bot.Logs.Lines.Any(l => l.Contains("409 Conflict", StringComparison.Ordinal)));
            Assert.Contains(bot.Logs.Lines, l => l.Contains("another instance is polling with this bot token", StringComparison.Ordinal));
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task No_log_line_ever_contains_the_bot_token()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        var bot = new StandaloneBot(fake, extra: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        await bot.InitializeAsync();
        try
        {
            // The happy path, then every kind of failure the bot logs: a blocked chat, polling errors, a rejected token.
            fake.SendCommand(User, User, "whoami");
            await bot.RepliesAsync(User, 1);
            fake.BlockBot(HostFixture.OtherUserId);
            fake.SendCommand(HostFixture.OtherUserId, HostFixture.OtherUserId, "whoami");
            await Eventually.UntilAsync(() => bot.Logs.Lines.Any(l => l.Contains("cannot be written to", StringComparison.Ordinal)));
            fake.FailNext("getUpdates", TelegramErrors.ServerError);
            fake.FailNext("getUpdates", TelegramErrors.Unauthorized);
            await Eventually.UntilAsync(() => bot.Logs.Lines.Any(l => l.Contains("rejected the bot token", StringComparison.Ordinal)));
        }
        finally
        {
            await bot.DisposeAsync();
        }

        var secret = fake.Token.Split(':')[1];
        Assert.NotEmpty(bot.Logs.Lines);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
    }
}
