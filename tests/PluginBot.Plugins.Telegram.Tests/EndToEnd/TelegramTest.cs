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

    /// <summary>Waits until the bot has handled every update sent so far, so that what it did not send never comes.</summary>
    protected Task AllHandledAsync() => BotInbox.AllHandledAsync(Telegram, Host.CurrentDatabasePath);
}
