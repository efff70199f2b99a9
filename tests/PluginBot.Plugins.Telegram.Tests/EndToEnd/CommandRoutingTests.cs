using PluginBot.TestKit;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

[Collection(TelegramCollection.Name)]
public sealed class CommandRoutingTests(TelegramFixture host) : TelegramTest(host)
{
    private const long User = HostFixture.UserId;

    [Fact]
    public async Task A_command_in_a_private_chat_is_answered_there()
    {
        var before = Count(User);
        Telegram.SendCommand(User, User, "whoami");

        var reply = Assert.Single(await NewMessagesAsync(User, before));
        Assert.Equal("You are 2 on telegram, an allowed user.", reply.Text);
    }

    [Fact]
    public async Task An_unknown_command_points_to_help()
    {
        var before = Count(User);
        Telegram.SendCommand(User, User, "frobnicate", "now");

        Assert.Equal("Unknown command /frobnicate. Send /help to see the commands.", (await NewMessagesAsync(User, before))[0].Text);
    }

    [Fact]
    public async Task A_command_with_broken_quoting_gets_the_problem_and_the_usage()
    {
        var before = Count(HostFixture.AdminId);
        Telegram.SendCommand(HostFixture.AdminId, HostFixture.AdminId, "allow", "\"12");

        var reply = (await NewMessagesAsync(HostFixture.AdminId, before))[0].Text;
        Assert.StartsWith("Unclosed quote", reply, StringComparison.Ordinal);
        Assert.Contains("Usage: /allow", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_commands_are_refused_to_users_and_answered_for_admins()
    {
        var userBefore = Count(User);
        var adminBefore = Count(HostFixture.AdminId);
        Telegram.SendCommand(User, User, "plugins");
        Telegram.SendCommand(HostFixture.AdminId, HostFixture.AdminId, "plugins");

        var refused = (await NewMessagesAsync(User, userBefore))[0].Text;
        var listed = (await NewMessagesAsync(HostFixture.AdminId, adminBefore))[0].Text;
        Assert.DoesNotContain("telegram", refused, StringComparison.Ordinal);
        Assert.Contains("telegram 0.1.0 — Active", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_allows_a_stranger_who_can_then_use_the_bot()
    {
        const long newcomer = 4242;
        var adminBefore = Count(HostFixture.AdminId);
        Telegram.SendCommand(HostFixture.AdminId, HostFixture.AdminId, "allow", "4242");
        await NewMessagesAsync(HostFixture.AdminId, adminBefore);

        Telegram.SendCommand(newcomer, newcomer, "whoami");

        Assert.Equal("You are 4242 on telegram, an allowed user.", (await NewMessagesAsync(newcomer, 0))[0].Text);
    }

    [Fact]
    public async Task A_stranger_is_told_their_id_once_not_at_every_message()
    {
        const long stranger = 777_001;
        Telegram.SendText(stranger, stranger, "hello?");
        var refusal = (await NewMessagesAsync(stranger, 0))[0].Text;
        Telegram.SendText(stranger, stranger, "hello??");
        Telegram.SendCommand(stranger, stranger, "help");
        await AllHandledAsync();

        Assert.Contains("Your Telegram id is 777001", refusal, StringComparison.Ordinal);
        Assert.Contains("/allow 777001", refusal, StringComparison.Ordinal);
        Assert.Single(Telegram.SentMessages(stranger));
    }

    [Fact]
    public async Task In_a_group_only_commands_for_this_bot_and_mentions_are_answered()
    {
        const long group = -100_500;
        Telegram.AddGroup(group, "Team");
        Telegram.SendText(group, User, "just chatting among people");
        Telegram.SendText(group, User, "/whoami@some_other_bot");
        Telegram.SendCommand(group, User, "whoami", addressed: true);

        var replies = await NewMessagesAsync(group, 0);
        await AllHandledAsync();
        Assert.Equal("You are 2 on telegram, an allowed user.", Assert.Single(Telegram.SentMessages(group)).Text);
        Assert.Single(replies);
    }

    [Fact]
    public async Task A_stranger_in_a_group_is_not_answered_unless_they_address_the_bot()
    {
        const long group = -100_501;
        Telegram.AddGroup(group, "Open group");
        Telegram.SendText(group, 777_002, "talking to friends");
        await AllHandledAsync();
        Assert.Empty(Telegram.SentMessages(group));

        Telegram.SendCommand(group, 777_002, "help", addressed: true);
        Assert.Contains("777002", (await NewMessagesAsync(group, 0))[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forum_topic_gets_its_answer_in_the_same_topic()
    {
        const long forum = -100_600;
        Telegram.AddGroup(forum, "Forum", isForum: true);
        var topic = Telegram.CreateTopic(forum, "Bugs", User);
        Telegram.SendCommand(forum, User, "whoami", threadId: topic, addressed: true);

        var reply = (await NewMessagesAsync(forum, 0)).Single(m => m.Text.StartsWith("You are", StringComparison.Ordinal));
        Assert.Equal(topic, reply.ThreadId);
    }

    [Theory]
    [InlineData("photo", "photos")]
    [InlineData("sticker", "stickers")]
    [InlineData("voice", "voice messages")]
    [InlineData("document", "documents")]
    public async Task Inputs_the_bot_cannot_read_get_one_short_reply(string kind, string named)
    {
        var before = Count(User);
        _ = kind switch
        {
            "photo" => Telegram.SendPhoto(User, User),
            "sticker" => Telegram.SendSticker(User, User),
            "voice" => Telegram.SendVoice(User, User),
            _ => Telegram.SendDocument(User, User, "notes.pdf"),
        };

        Assert.Equal($"I can't read {named} yet. Send text or a command (/help).", (await NewMessagesAsync(User, before))[0].Text);
    }

    [Fact]
    public async Task An_edited_message_gets_a_hint_instead_of_silence()
    {
        var before = Count(User);
        var sent = Telegram.SendCommand(User, User, "whoami");
        await NewMessagesAsync(User, before);
        Telegram.EditText(sent, "/whoami please");

        Assert.StartsWith("I don't pick up edited messages", (await NewMessagesAsync(User, before + 1))[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_menu_lists_user_commands_for_everyone_without_admin_commands()
    {
        await Eventually.UntilAsync(() => Telegram.Commands.Any(c => c.Scope == "default"));
        var menu = Telegram.Commands.Last(c => c.Scope == "default").Commands.Select(c => c.Key).ToList();

        Assert.Contains("help", menu);
        Assert.Contains("whoami", menu);
        Assert.DoesNotContain("allow", menu);
        Assert.DoesNotContain("plugins", menu);
    }

    [Fact]
    public async Task A_feature_can_notify_a_user_outside_any_update_and_the_markdown_renders()
    {
        var before = Count(User);
        var messenger = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PluginBot.Abstractions.Replies.IMessenger>(Host.Services);

        var sent = await messenger.NotifyUserAsync(User, PluginBot.Abstractions.Replies.Reply.Markdown("Task **done**: see `log`"));

        var message = (await NewMessagesAsync(User, before)).Single();
        Assert.Equal("Task done: see log", message.Text);
        Assert.Equal(message.MessageId.ToString(System.Globalization.CultureInfo.InvariantCulture), sent.MessageId);
        Assert.Contains(message.Current.Entities, e => e.Type == "bold");
    }

    [Fact]
    public async Task A_reply_with_a_picture_and_a_long_text_sends_the_text_then_the_picture()
    {
        var messenger = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PluginBot.Abstractions.Replies.IMessenger>(Host.Services);
        var before = Count(User);
        var documents = Telegram.Documents.Count;
        var chart = new PluginBot.Abstractions.Replies.ReplyAttachment(PluginBot.Abstractions.Replies.AttachmentKind.Photo, "spend.png", new byte[4096]);

        await messenger.SendAsync(new PluginBot.Abstractions.Replies.ConversationReference("telegram", "2"), PluginBot.Abstractions.Replies.Reply.Markdown(new string('a', 1500)) with { Attachment = chart });

        Assert.Equal(new string('a', 1500), (await NewMessagesAsync(User, before))[0].Text);
        var photo = Telegram.Documents.Skip(documents).Single();
        Assert.Equal(("photo", (string?)null), (photo.Kind, photo.Caption));
    }

    [Fact]
    public async Task A_100_KB_message_is_handled_without_losing_the_next_one()
    {
        var before = Count(User);
        Host.Gateway.Enqueue(PluginBot.TestKit.Fakes.FakeReply.WithText("Got your long text."));
        Telegram.SendText(User, User, new string('x', 100_000));
        Telegram.SendCommand(User, User, "whoami");

        var replies = await NewMessagesAsync(User, before, count: 2);
        Assert.Contains(replies, r => r.Text == "You are 2 on telegram, an allowed user.");
    }

    [Fact]
    public async Task Emoji_right_to_left_text_and_markup_characters_come_back_unharmed()
    {
        const string name = "\"<b>&_*`שלום 👋🏽`";
        var before = Count(HostFixture.AdminId);
        Telegram.SendCommand(HostFixture.AdminId, HostFixture.AdminId, "allow", $"'{name}'");

        var reply = (await NewMessagesAsync(HostFixture.AdminId, before))[0].Text;
        Assert.Contains(name, reply, StringComparison.Ordinal);
    }
}
