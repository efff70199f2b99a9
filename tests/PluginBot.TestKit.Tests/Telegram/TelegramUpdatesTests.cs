using System.Diagnostics;
using System.Net;
using PluginBot.TestKit.Telegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>The simulated users' side of the Telegram fake and the bot settings, driven by the real Telegram.Bot client.</summary>
public sealed class TelegramUpdatesTests
{
    [Fact]
    public async Task GetUpdates_honours_limit_and_an_offset_confirms_earlier_updates()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "one");
        fake.SendCommand(Alice, Alice, "start");
        fake.SendText(Forum, Bob, "three", threadId: 5);
        var bot = Client(fake);

        var first = await bot.GetUpdates(limit: 2);
        var rest = await bot.GetUpdates(offset: first[^1].Id + 1);
        var again = await bot.GetUpdates();

        Assert.Equal(["one", "/start"], first.Select(u => u.Message!.Text));
        Assert.True(first[1].Id > first[0].Id);
        Assert.Equal(MessageEntityType.BotCommand, Assert.Single(first[1].Message!.Entities!).Type);
        var group = Assert.Single(rest).Message!;
        Assert.Equal((ChatType.Supergroup, Forum, 5), (group.Chat.Type, group.Chat.Id, group.MessageThreadId));
        Assert.Equal("Bob", group.From!.FirstName);
        Assert.Single(again);
    }

    [Fact]
    public async Task A_private_message_has_the_users_id_as_chat_id_and_a_recent_unix_date()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hello");
        var bot = Client(fake);

        var message = Assert.Single(await bot.GetUpdates()).Message!;

        Assert.Equal((Alice, ChatType.Private, "alice"), (message.Chat.Id, message.Chat.Type, message.Chat.Username));
        Assert.Equal(Alice, message.From!.Id);
        Assert.InRange(message.Date, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_long_poll_returns_an_update_sent_while_it_waits()
    {
        await using var fake = await StartFakeAsync();
        fake.MaxLongPoll = TimeSpan.FromSeconds(60);
        var bot = Client(fake);

        var poll = bot.GetUpdates(timeout: 90);
        await Eventually.UntilAsync(() => fake.Polling);
        Assert.False(poll.IsCompleted);
        fake.SendText(Alice, Alice, "wake up");

        var update = Assert.Single(await poll.WaitAsync(Eventually.Limit));
        Assert.Equal("wake up", update.Message!.Text);
    }

    [Fact]
    public async Task A_long_poll_with_nothing_to_deliver_returns_empty_after_the_capped_wait()
    {
        await using var fake = await StartFakeAsync();
        fake.MaxLongPoll = TimeSpan.FromMilliseconds(500);
        var bot = Client(fake);
        var clock = Stopwatch.StartNew();

        var updates = await bot.GetUpdates(timeout: 50);

        Assert.Empty(updates);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), Eventually.Limit); // well short of the 50 s asked for
    }

    [Fact]
    public async Task Pressing_a_button_creates_a_callback_query_the_bot_can_answer_once()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        var sent = await bot.SendMessage(Alice, "Stop the task?", replyMarkup: new InlineKeyboardMarkup(
            [[InlineKeyboardButton.WithCallbackData("Yes", "stop:yes"), InlineKeyboardButton.WithCallbackData("No", "stop:no")]]));
        var updates = await bot.GetUpdates();

        fake.PressButton(sent.MessageId, "stop:yes", Alice);
        var query = Assert.Single(await bot.GetUpdates(offset: updates[^1].Id + 1)).CallbackQuery!;
        await bot.AnswerCallbackQuery(query.Id, "Stopped");
        var twice = await Assert.ThrowsAsync<ApiRequestException>(() => bot.AnswerCallbackQuery(query.Id));

        Assert.Equal("stop:yes", query.Data);
        Assert.Equal(sent.MessageId, query.Message!.MessageId);
        Assert.Equal(Alice, query.From.Id);
        Assert.Equal("Stopped", Assert.Single(fake.AnsweredCallbacks).Text);
        Assert.Equal(400, twice.ErrorCode);
        Assert.Throws<InvalidOperationException>(() => fake.PressButton(sent.MessageId, "stop:maybe", Alice));
    }

    [Fact]
    public async Task Photos_stickers_and_edits_from_users_arrive_as_their_update_kinds()
    {
        await using var fake = await StartFakeAsync();
        var original = fake.SendText(Alice, Alice, "tpyo");
        fake.SendPhoto(Alice, Alice, caption: "look");
        fake.SendSticker(Alice, Alice);
        fake.EditText(original, "typo");
        var bot = Client(fake);

        var updates = await bot.GetUpdates();

        Assert.Equal([UpdateType.Message, UpdateType.Message, UpdateType.Message, UpdateType.EditedMessage], updates.Select(u => u.Type));
        Assert.Equal((MessageType.Photo, "look"), (updates[1].Message!.Type, updates[1].Message!.Caption));
        Assert.Equal(MessageType.Sticker, updates[2].Message!.Type);
        Assert.Equal(("typo", (int)original), (updates[3].EditedMessage!.Text, updates[3].EditedMessage!.MessageId));
        Assert.NotNull(updates[3].EditedMessage!.EditDate);
    }

    [Fact]
    public async Task Commands_are_stored_per_scope_and_language()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake);

        await bot.SetMyCommands([new BotCommand("start", "Start"), new BotCommand("stop", "Stop a task")]);
        await bot.SetMyCommands([new BotCommand("start", "Начать")], languageCode: "ru");
        await bot.SetMyCommands([new BotCommand("admin", "Admin tools")], new BotCommandScopeChat { ChatId = Forum });
        var invalid = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SetMyCommands([new BotCommand("Bad Name", "x")]));

        Assert.Equal(["start", "stop"], (await bot.GetMyCommands()).Select(c => c.Command));
        Assert.Equal("Начать", Assert.Single(await bot.GetMyCommands(languageCode: "ru")).Description);
        Assert.Equal("admin", Assert.Single(await bot.GetMyCommands(new BotCommandScopeChat { ChatId = Forum })).Command);
        Assert.Equal(400, invalid.ErrorCode);
        Assert.Equal(3, fake.Commands.Count);
    }

    [Fact]
    public async Task Chat_actions_are_recorded_with_their_topic()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake);

        await bot.SendChatAction(Forum, ChatAction.Typing, messageThreadId: 9);

        Assert.Equal(new FakeChatAction(Forum, "typing", 9), Assert.Single(fake.ChatActions));
    }

    [Fact]
    public async Task An_unknown_method_is_404_Not_Found()
    {
        await using var fake = await StartFakeAsync();
        using var http = new HttpClient();

        var response = await http.PostAsync(new Uri($"{fake.ApiUrl}/bot{fake.Token}/sendTelepathy"), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"ok":false,"error_code":404,"description":"Not Found"}""", await response.Content.ReadAsStringAsync());
    }
}
