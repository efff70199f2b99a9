using PluginBot.TestKit.Telegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>The Telegram fake's sending and editing methods, driven by the real Telegram.Bot client.</summary>
public sealed class TelegramMessagesTests
{
    [Fact]
    public async Task GetMe_returns_the_bot_user_named_by_the_token()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake);

        var me = await bot.GetMe();

        Assert.True(me.IsBot);
        Assert.Equal(123456789, me.Id);
        Assert.Equal("pluginbot_test_bot", me.Username);
    }

    [Fact]
    public async Task A_wrong_token_is_rejected_with_401_Unauthorized()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake, token: "42:not-the-token");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetMe());

        Assert.Equal(401, error.ErrorCode);
        Assert.Contains("Unauthorized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_HTML_message_round_trips_as_plain_text_with_entities_and_keeps_its_keyboard()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Stop", "stop:7"));

        var sent = await bot.SendMessage(Alice, "<b>Task</b> &amp; <a href=\"https://example.org/log\">log</a>", ParseMode.Html, replyMarkup: keyboard);

        Assert.Equal("Task & log", sent.Text);
        Assert.Equal(ChatType.Private, sent.Chat.Type);
        Assert.Equal([MessageEntityType.Bold, MessageEntityType.TextLink], sent.Entities!.Select(e => e.Type));
        Assert.Equal("https://example.org/log", sent.Entities![1].Url);
        var stored = Assert.Single(fake.SentMessages(Alice));
        Assert.Equal("Task & log", stored.Text);
        Assert.Equal("HTML", stored.ParseMode, ignoreCase: true);
        Assert.Equal("stop:7", Assert.Single(stored.AllButtons).CallbackData);
    }

    [Fact]
    public async Task A_code_block_with_a_language_is_one_pre_entity_carrying_the_language()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        var sent = await bot.SendMessage(Alice, "<pre><code class=\"language-csharp\">var x = 1;</code></pre> and <code>y</code>", ParseMode.Html);

        Assert.Equal([MessageEntityType.Pre, MessageEntityType.Code], sent.Entities!.Select(e => e.Type));
        Assert.Equal("csharp", sent.Entities![0].Language);
    }

    [Fact]
    public async Task Malformed_HTML_fails_with_400_cant_parse_entities()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Alice, "<b>unclosed <i>bold</b>", ParseMode.Html));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: can't parse entities: Unmatched end tag", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.SentMessages(Alice));
    }

    [Fact]
    public async Task An_unescaped_reserved_character_in_MarkdownV2_fails_with_400()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Alice, "*done*. Next", ParseMode.MarkdownV2));
        var sent = await bot.SendMessage(Alice, "*done*\\. Next", ParseMode.MarkdownV2);

        Assert.Equal(400, error.ErrorCode);
        Assert.Contains("Character '.' is reserved", error.Message, StringComparison.Ordinal);
        Assert.Equal("done. Next", sent.Text);
        Assert.Equal(MessageEntityType.Bold, Assert.Single(sent.Entities!).Type);
    }

    [Fact]
    public async Task A_message_over_4096_characters_is_too_long()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Alice, new string('x', 4097)));
        var fits = await bot.SendMessage(Alice, new string('x', 4096));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: message is too long", error.Message);
        Assert.Equal(4096, fits.Text!.Length);
    }

    [Fact]
    public async Task Editing_to_the_same_text_and_markup_is_not_modified_and_real_edits_keep_history()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        var sent = await bot.SendMessage(Alice, "Working");

        var edited = await bot.EditMessageText(Alice, sent.MessageId, "Done");
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageText(Alice, sent.MessageId, "Done"));

        Assert.Equal("Done", edited.Text);
        Assert.NotNull(edited.EditDate);
        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: message is not modified", error.Message, StringComparison.Ordinal);
        var stored = Assert.Single(fake.SentMessages(Alice));
        Assert.Equal("Working", Assert.Single(stored.History).Text);
    }

    [Fact]
    public async Task Sending_faster_than_the_private_chat_rate_fails_with_429_and_retry_after()
    {
        await using var fake = await StartFakeAsync(new FloodLimits { PrivateChat = new RateLimit(1, TimeSpan.FromSeconds(5)) });
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        await bot.SendMessage(Alice, "first");

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Alice, "second"));

        Assert.Equal(429, error.ErrorCode);
        Assert.InRange(error.Parameters?.RetryAfter ?? 0, 1, 5);
        Assert.StartsWith("Too Many Requests: retry after", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keyboard_can_be_replaced_once_and_a_deleted_message_is_gone()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        var sent = await bot.SendMessage(Alice, "Pick", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("A", "a")));
        var done = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Done", "done"));

        await bot.EditMessageReplyMarkup(Alice, sent.MessageId, done);
        var same = await Assert.ThrowsAsync<ApiRequestException>(() => bot.EditMessageReplyMarkup(Alice, sent.MessageId, done));
        await bot.DeleteMessage(Alice, sent.MessageId);
        var gone = await Assert.ThrowsAsync<ApiRequestException>(() => bot.DeleteMessage(Alice, sent.MessageId));

        Assert.StartsWith("Bad Request: message is not modified", same.Message, StringComparison.Ordinal);
        Assert.Equal("Bad Request: message to delete not found", gone.Message);
        var stored = Assert.Single(fake.SentMessages(Alice));
        Assert.True(stored.Deleted);
        Assert.Equal("done", Assert.Single(stored.AllButtons).CallbackData);
        Assert.Equal("a", Assert.Single(stored.History).Buttons[0][0].CallbackData);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_answers_403()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Bob, Bob, "bye");
        fake.BlockBot(Bob);
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Bob, "still there?"));

        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", error.Message);
    }

    [Fact]
    public async Task A_scripted_failure_hits_only_the_next_call_of_its_method()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        fake.FailNext("sendMessage", TelegramErrors.ServerError);
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Alice, "one"));
        var sent = await bot.SendMessage(Alice, "two");

        Assert.Equal(500, error.ErrorCode);
        Assert.Equal("two", sent.Text);
    }

    [Fact]
    public async Task A_forum_topic_message_keeps_its_thread_id()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake);

        var sent = await bot.SendMessage(Forum, "in topic", messageThreadId: 77);

        Assert.Equal(77, sent.MessageThreadId);
        Assert.True(sent.IsTopicMessage);
        Assert.True(sent.Chat.IsForum);
        Assert.Equal(77, Assert.Single(fake.SentMessages(Forum)).ThreadId);
    }

    [Fact]
    public async Task A_document_uploads_as_multipart_with_its_name_caption_and_size()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "report please");
        var bot = Client(fake);
        await using var stream = new MemoryStream(new byte[1234]);

        var sent = await bot.SendDocument(Alice, InputFile.FromStream(stream, "report.csv"), caption: "Weekly <b>report</b>", parseMode: ParseMode.Html);

        Assert.Equal("report.csv", sent.Document!.FileName);
        Assert.Equal("Weekly report", sent.Caption);
        var document = Assert.Single(fake.Documents);
        Assert.Equal(("report.csv", "Weekly report", 1234L), (document.FileName, document.Caption, document.Size));
        Assert.Contains(fake.Requests, r => r.Path.EndsWith("/sendDocument", StringComparison.Ordinal)
            && r.Headers["Content-Type"].StartsWith("multipart/form-data", StringComparison.Ordinal));
    }
}
