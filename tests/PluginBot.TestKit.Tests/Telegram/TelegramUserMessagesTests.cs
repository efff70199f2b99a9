using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>More shapes of simulated users' messages (voice, files, replies, mentions, topics), read by Telegram.Bot.</summary>
public sealed class TelegramUserMessagesTests
{
    [Fact]
    public async Task Voice_and_document_messages_arrive_with_their_files()
    {
        await using var fake = await StartFakeAsync();
        fake.SendVoice(Alice, Alice, durationSeconds: 5);
        fake.SendDocument(Alice, Alice, "notes.pdf", caption: "read this", mimeType: "application/pdf", size: 2048);
        var bot = Client(fake);

        var updates = await bot.GetUpdates();

        var voice = updates[0].Message!;
        Assert.Equal((MessageType.Voice, 5, "audio/ogg"), (voice.Type, voice.Voice!.Duration, voice.Voice.MimeType));
        var document = updates[1].Message!;
        Assert.Equal(MessageType.Document, document.Type);
        Assert.Equal(("notes.pdf", "application/pdf", 2048L, "read this"), (document.Document!.FileName, document.Document.MimeType, document.Document.FileSize, document.Caption));
    }

    [Fact]
    public async Task A_reply_carries_the_message_it_answers_whether_the_bots_or_a_users()
    {
        await using var fake = await StartFakeAsync();
        var question = fake.SendText(Forum, Bob, "who deploys today?");
        var bot = Client(fake);
        var sent = await bot.SendMessage(Forum, "Alice does");

        fake.SendText(Forum, Alice, "no, Bob does", replyToMessageId: sent.MessageId);
        fake.SendText(Forum, Alice, "me? fine", replyToMessageId: question);
        var updates = await bot.GetUpdates();

        var toBot = updates[1].Message!.ReplyToMessage!;
        Assert.Equal((sent.MessageId, true, "Alice does"), (toBot.MessageId, toBot.From!.IsBot, toBot.Text));
        var toUser = updates[2].Message!.ReplyToMessage!;
        Assert.Equal(((int)question, Bob), (toUser.MessageId, toUser.From!.Id));
        Assert.Null(toUser.ReplyToMessage);
        Assert.Throws<InvalidOperationException>(() => fake.SendText(Alice, Alice, "reply across chats", replyToMessageId: question));
    }

    [Fact]
    public async Task A_mention_of_the_bot_gets_a_mention_entity_at_its_UTF16_offset()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Forum, Bob, "👋 hi @pluginbot_test_bot, status?");
        fake.SendCommand(Forum, Bob, "status", addressed: true);
        var bot = Client(fake);

        var updates = await bot.GetUpdates();

        var mention = Assert.Single(updates[0].Message!.Entities!);
        Assert.Equal((MessageEntityType.Mention, 6, 19), (mention.Type, mention.Offset, mention.Length));
        Assert.Equal("@pluginbot_test_bot", Assert.Single(updates[0].Message!.EntityValues!));
        Assert.Equal(MessageEntityType.BotCommand, Assert.Single(updates[1].Message!.Entities!).Type);
    }

    [Fact]
    public async Task An_edited_message_gets_the_entities_of_its_new_text()
    {
        await using var fake = await StartFakeAsync();
        var original = fake.SendText(Forum, Bob, "/status");
        fake.EditText(original, "ping @pluginbot_test_bot");
        var bot = Client(fake);

        var edited = (await bot.GetUpdates())[1].EditedMessage!;

        Assert.Equal((MessageEntityType.Mention, 5), (Assert.Single(edited.Entities!).Type, edited.Entities![0].Offset));
    }

    [Fact]
    public async Task A_created_topic_keeps_its_thread_through_user_messages_and_the_bots_sends_and_edits()
    {
        await using var fake = await StartFakeAsync();
        var thread = fake.CreateTopic(Forum, "Builds", Bob);
        fake.SendText(Forum, Bob, "build 42 failed", threadId: thread);
        var bot = Client(fake);

        var updates = await bot.GetUpdates();
        var sent = await bot.SendMessage(Forum, "Looking", messageThreadId: thread);
        var edited = await bot.EditMessageText(Forum, sent.MessageId, "Fixed");

        var created = updates[0].Message!;
        Assert.Equal(("Builds", thread, MessageType.ForumTopicCreated), (created.ForumTopicCreated!.Name, created.MessageThreadId!.Value, created.Type));
        Assert.Equal(thread, created.MessageId);
        Assert.Equal((thread, true), (updates[1].Message!.MessageThreadId!.Value, updates[1].Message!.IsTopicMessage));
        Assert.Equal((thread, true), (edited.MessageThreadId!.Value, edited.IsTopicMessage));
        Assert.Throws<InvalidOperationException>(() => fake.CreateTopic(Alice, "not a forum", Alice));
    }
}
