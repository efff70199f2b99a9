using Microsoft.Extensions.Time.Testing;
using PluginBot.Plugins.Telegram.Sending;
using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.Sending;

public sealed class FloodAwareSenderTests
{
    private static readonly ChatTarget Private = new(SenderRig.User, null);
    private static readonly ChatTarget Group = new(SenderRig.Group, null);

    [Fact]
    public async Task A_burst_to_one_chat_arrives_complete_and_in_order_without_a_429()
    {
        await using var rig = await SenderRig.StartAsync();

        await Task.WhenAll(Enumerable.Range(1, 12).Select(i => rig.Sender.SendTextAsync(Private, $"message {i}", null, default)));

        var texts = rig.Fake.SentMessages(SenderRig.User).Select(m => m.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"message {i}"), texts);
        Assert.Equal(0, rig.Sender.FloodWaits);
    }

    [Fact]
    public async Task A_group_and_a_private_chat_share_the_global_budget_without_a_429()
    {
        await using var rig = await SenderRig.StartAsync();

        await Task.WhenAll(Enumerable.Range(1, 8).SelectMany(i => new[]
        {
            rig.Sender.SendTextAsync(Private, $"p{i}", null, default),
            rig.Sender.SendTextAsync(Group, $"g{i}", null, default),
        }));

        Assert.Equal(8, rig.Fake.SentMessages(SenderRig.Group).Count);
        Assert.Equal(0, rig.Sender.FloodWaits);
    }

    [Fact]
    public async Task Retry_after_from_a_429_is_waited_out_for_that_chat_and_the_message_still_arrives()
    {
        var clock = new RecordingClock(DateTimeOffset.UtcNow);
        await using var rig = await SenderRig.StartAsync(clock);
        rig.Fake.FailNext("sendMessage", TelegramErrors.TooManyRequests(7));

        var sending = rig.Sender.SendTextAsync(Private, "after the wait", null, default);
        await Eventually.UntilAsync(() => rig.Sender.FloodWaits == 1);
        await Eventually.UntilAsync(() => clock.Waits.Any(w => w >= TimeSpan.FromSeconds(7))); // the retry waits on the clock
        Assert.False(sending.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(7));
        await sending;

        Assert.Equal("after the wait", Assert.Single(rig.Fake.SentMessages(SenderRig.User)).Text);
    }

    [Fact]
    public async Task A_file_sent_again_after_a_429_arrives_whole()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = await SenderRig.StartAsync(clock);
        rig.Fake.FailNext("sendDocument", TelegramErrors.TooManyRequests(2));

        var sending = rig.Sender.SendFileAsync(Private, photo: false, "report.csv", new byte[2048], "<b>Report</b>", null, default);
        await Eventually.UntilAsync(() => rig.Sender.FloodWaits == 1);
        clock.Advance(TimeSpan.FromSeconds(2));
        await sending;

        var document = Assert.Single(rig.Fake.Documents);
        Assert.Equal(("report.csv", 2048L, "Report"), (document.FileName, document.Size, document.Caption));
    }

    [Fact]
    public async Task Rapid_edits_of_one_message_are_coalesced_to_the_latest_text()
    {
        await using var rig = await SenderRig.StartAsync();
        var message = await rig.Sender.SendTextAsync(Private, "v0", null, default);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => rig.Sender.EditTextAsync(Private, message.Id, $"v{i}", null, default)));

        var shown = Assert.Single(rig.Fake.SentMessages(SenderRig.User));
        Assert.Equal("v20", shown.Text);
        Assert.True(rig.RequestsTo("editMessageText") < 5, $"{rig.RequestsTo("editMessageText")} edits were sent for 20 updates");
    }

    [Fact]
    public async Task An_edit_is_retried_after_a_server_error_but_a_new_message_is_never_sent_twice_on_a_guess()
    {
        await using var rig = await SenderRig.StartAsync();
        var message = await rig.Sender.SendTextAsync(Private, "first", null, default);
        rig.Fake.FailNext("editMessageText", TelegramErrors.ServerError);
        rig.Fake.FailNext("sendMessage", TelegramErrors.ServerError);

        await rig.Sender.EditTextAsync(Private, message.Id, "second", null, default);
        var error = await Assert.ThrowsAsync<global::Telegram.Bot.Exceptions.ApiRequestException>(() => rig.Sender.SendTextAsync(Private, "third", null, default));

        Assert.Equal("second", Assert.Single(rig.Fake.SentMessages(SenderRig.User)).Text);
        Assert.Equal(500, error.ErrorCode);
    }

    [Fact]
    public async Task An_edit_that_changes_nothing_is_not_sent()
    {
        await using var rig = await SenderRig.StartAsync();
        var message = await rig.Sender.SendTextAsync(Private, "same", null, default);

        await rig.Sender.EditTextAsync(Private, message.Id, "same", null, default);

        Assert.Equal(0, rig.RequestsTo("editMessageText"));
    }

    [Fact]
    public async Task Message_is_not_modified_from_Telegram_is_not_an_error()
    {
        await using var rig = await SenderRig.StartAsync();
        var message = await rig.Sender.SendTextAsync(Private, "first", null, default);
        rig.Fake.FailNext("editMessageText", TelegramErrors.NotModified);

        await rig.Sender.EditTextAsync(Private, message.Id, "second", null, default);

        Assert.Equal(1, rig.RequestsTo("editMessageText"));
    }

    [Fact]
    public async Task Html_that_Telegram_rejects_is_sent_again_as_plain_text()
    {
        await using var rig = await SenderRig.StartAsync();
        rig.Fake.FailNext("sendMessage", TelegramErrors.CantParseEntities("unsupported start tag \"x\" at byte offset 0"));

        await rig.Sender.SendTextAsync(Private, "<b>bold</b> &amp; more", null, default);

        var sent = Assert.Single(rig.Fake.SentMessages(SenderRig.User));
        Assert.Equal("bold & more", sent.Text);
        Assert.Null(sent.ParseMode);
    }

    [Fact]
    public async Task A_chat_that_blocked_the_bot_is_reported_as_unreachable()
    {
        await using var rig = await SenderRig.StartAsync();
        rig.Fake.BlockBot(SenderRig.User);

        var error = await Assert.ThrowsAsync<ChatUnreachableException>(() => rig.Sender.SendTextAsync(Private, "hello?", null, default));

        Assert.Equal(SenderRig.User, error.ChatId);
        Assert.Contains("blocked", error.Message, StringComparison.Ordinal);
    }
}
