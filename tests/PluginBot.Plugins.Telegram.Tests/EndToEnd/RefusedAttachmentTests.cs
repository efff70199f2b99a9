using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>A chat that refuses photos still gets the words of a reply that came with one.</summary>
[Collection(TelegramCollection.Name)]
public sealed class RefusedAttachmentTests(TelegramFixture host) : TelegramTest(host)
{
    private const long User = HostFixture.UserId;

    [Fact]
    public async Task Costs_in_a_chat_without_photo_rights_sends_its_table_as_text_and_says_why_there_is_no_picture()
    {
        const long group = -100_800;
        Telegram.AddGroup(group, "No pictures");
        Telegram.RestrictMedia(group);
        Host.Gateway.Enqueue(new FakeReply { Text = "Hi there." });
        Telegram.SendText(group, User, $"@{Telegram.Bot.Username} hello");
        await Eventually.UntilAsync(() => Telegram.SentMessages(group).Any(m => m.Text == "Hi there."));
        var before = Count(group);

        Telegram.SendCommand(group, User, "costs", "today");

        var reply = (await NewMessagesAsync(group, before)).Single();
        Assert.StartsWith("Your spend, ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("gpt-test", reply.Text, StringComparison.Ordinal);
        Assert.Contains("1 call", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith("(The picture could not be sent in this chat: Telegram said “not enough rights to send photos to the chat”.)", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Telegram.Documents, d => d.ChatId == group);
    }

    [Fact]
    public async Task The_same_reply_comes_with_its_chart_where_photos_are_allowed()
    {
        const long group = -100_801;
        Telegram.AddGroup(group, "Pictures");
        Host.Gateway.Enqueue(new FakeReply { Text = "Hi there." });
        Telegram.SendText(group, User, $"@{Telegram.Bot.Username} hello");
        await Eventually.UntilAsync(() => Telegram.SentMessages(group).Any(m => m.Text == "Hi there."));

        Telegram.SendCommand(group, User, "costs", "today");

        await Eventually.UntilAsync(() => Telegram.Documents.Any(d => d.ChatId == group));
        var chart = Telegram.Documents.Single(d => d.ChatId == group);
        Assert.Equal("photo", chart.Kind);
        Assert.StartsWith("Your spend, ", chart.Caption, StringComparison.Ordinal);
    }
}
