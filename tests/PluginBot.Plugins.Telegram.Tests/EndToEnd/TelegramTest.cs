using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>A test against the running bot: a fresh database, and helpers to wait for what the bot wrote.</summary>
public abstract class TelegramTest(TelegramFixture host) : HostTest<TelegramFixture>(host)
{
    protected FakeTelegramServer Telegram => Host.Telegram;

    /// <summary>Waits until the chat holds <paramref name="count"/> more bot messages than <paramref name="before"/>, and returns the new ones.</summary>
    protected async Task<IReadOnlyList<FakeSentMessage>> NewMessagesAsync(long chatId, int before, int count = 1)
    {
        await Eventually.UntilAsync(() => Telegram.SentMessages(chatId).Count >= before + count);
        return [.. Telegram.SentMessages(chatId).Skip(before)];
    }

    protected int Count(long chatId) => Telegram.SentMessages(chatId).Count;

    /// <summary>Gives the bot time to (wrongly) answer before asserting that it did not.</summary>
    protected static Task QuietPeriodAsync() => Task.Delay(TimeSpan.FromMilliseconds(700));
}
