using PluginBot.TestKit.Telegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>The Telegram fake's flood control and concurrent polling, as Telegram.Bot sees them.</summary>
public sealed class TelegramFloodTests
{
    [Fact]
    public async Task A_group_accepts_its_per_minute_quota_then_answers_429()
    {
        await using var fake = await StartFakeAsync(new FloodLimits { GroupChat = new RateLimit(3, TimeSpan.FromMinutes(1)) });
        var bot = Client(fake);
        for (var i = 0; i < 3; i++)
        {
            await bot.SendMessage(Forum, $"update {i}");
        }

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Forum, "one too many"));

        Assert.Equal(429, error.ErrorCode);
        Assert.InRange(error.Parameters!.RetryAfter!.Value, 55, 60);
        Assert.Equal(3, fake.SentMessages(Forum).Count);
    }

    [Fact]
    public async Task The_global_limit_spans_chats()
    {
        await using var fake = await StartFakeAsync(new FloodLimits { Global = new RateLimit(2, TimeSpan.FromSeconds(10)) });
        fake.SendText(Alice, Alice, "hi");
        fake.SendText(Bob, Bob, "hi");
        var bot = Client(fake);
        await bot.SendMessage(Alice, "a");
        await bot.SendMessage(Bob, "b");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Forum, "c"));

        Assert.Equal(429, error.ErrorCode);
    }

    [Fact]
    public async Task Switched_off_flood_control_accepts_bursts()
    {
        await using var fake = await StartFakeAsync(new FloodLimits { Enabled = false });
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        for (var i = 0; i < 10; i++)
        {
            await bot.SendMessage(Alice, $"burst {i}");
        }

        Assert.Equal(10, fake.SentMessages(Alice).Count);
    }

    [Fact]
    public async Task Edits_count_against_the_same_flood_limit_as_sends()
    {
        await using var fake = await StartFakeAsync(new FloodLimits { PrivateChat = new RateLimit(3, TimeSpan.FromSeconds(10)) });
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        var sent = await bot.SendMessage(Alice, "Working", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Stop", "stop")));
        await bot.EditMessageText(Alice, sent.MessageId, "Still working");
        await bot.EditMessageReplyMarkup(Alice, sent.MessageId, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Stop now", "stop")));

        var text = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(Alice, sent.MessageId, "Done"));
        var markup = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageReplyMarkup(Alice, sent.MessageId, new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Again", "again"))));

        Assert.Equal((429, 429), (text.ErrorCode, markup.ErrorCode));
        Assert.Equal("Still working", Assert.Single(fake.SentMessages(Alice)).Text);
    }

    [Fact]
    public async Task A_second_poller_ends_the_waiting_one_with_409_conflict()
    {
        await using var fake = await StartFakeAsync();
        fake.MaxLongPoll = TimeSpan.FromSeconds(10);
        var first = Client(fake);
        var second = Client(fake);

        var waiting = first.GetUpdates(timeout: 30);
        await Eventually.UntilAsync(() => fake.Polling);
        var other = await second.GetUpdates();

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => waiting.WaitAsync(Eventually.Limit));
        Assert.Equal(409, error.ErrorCode);
        Assert.Contains("terminated by other getUpdates request", error.Message, StringComparison.Ordinal);
        Assert.Empty(other);
    }
}
