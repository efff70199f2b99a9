using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>A person chats with the bot: the fake gateway's streamed answer reaches Telegram as drafts or edits and ends as a message.</summary>
[Collection(TelegramCollection.Name)]
public sealed class ChatThroughTelegramTests(TelegramFixture host) : TelegramTest(host)
{
    private const long User = HostFixture.UserId;
    private const long Other = HostFixture.OtherUserId;

    private static FakeReply Slow(string text, int chunks, int delayMs = 60) =>
        new() { Text = text, Chunks = chunks, ChunkDelay = TimeSpan.FromMilliseconds(delayMs) };

    [Fact]
    public async Task Hello_in_a_private_chat_streams_as_drafts_and_ends_as_one_formatted_message()
    {
        Host.Gateway.Enqueue(Slow("**Hello!** How can I help you today with `code`?", chunks: 12));
        var before = Count(User);
        Telegram.SendText(User, User, "hello");

        var answer = (await NewMessagesAsync(User, before)).Single();
        Assert.Equal("Hello! How can I help you today with code?", answer.Text);
        Assert.Equal("Html", answer.ParseMode, ignoreCase: true);
        Assert.Contains(answer.Current.Entities, e => e.Type == "bold");
        Assert.Contains(answer.Current.Entities, e => e.Type == "code");
        var drafts = Telegram.Drafts(User);
        Assert.NotEmpty(drafts);
        Assert.All(drafts, d => Assert.True(d.CanStop));
    }

    [Fact]
    public async Task In_a_group_the_answer_is_one_message_edited_in_place_whose_stop_button_goes_away_at_the_end()
    {
        const long group = -100_700;
        Telegram.AddGroup(group, "Chatty");
        Host.Gateway.Enqueue(Slow("One two three four five six seven eight nine ten.", chunks: 10, delayMs: 150));
        Telegram.SendText(group, User, $"@{Telegram.Bot.Username} count to ten");

        await Eventually.UntilAsync(() => Telegram.SentMessages(group).Any(m => m.Text.EndsWith("ten.", StringComparison.Ordinal) && m.AllButtons.Count == 0));
        var answer = Assert.Single(Telegram.SentMessages(group));
        Assert.NotEmpty(answer.History);

        // The live reply gets the answer piece by piece: every edit shows the pieces so far, in order, none lost.
        Assert.All(answer.History, h => Assert.StartsWith(h.Text, answer.Text, StringComparison.Ordinal));
        Assert.Contains(answer.History, h => h.Buttons.SelectMany(r => r).Any(b => b.Text.Contains("Stop", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pressing_stop_keeps_what_was_shown_and_says_it_stopped()
    {
        const long group = -100_701;
        Telegram.AddGroup(group, "Stoppers");
        Host.Gateway.Enqueue(Slow(string.Join(' ', Enumerable.Repeat("word", 80)), chunks: 80, delayMs: 100));
        Telegram.SendText(group, User, $"@{Telegram.Bot.Username} talk a lot");

        await Eventually.UntilAsync(() => Telegram.SentMessages(group).Any(m => m.AllButtons.Any(b => b.Text.Contains("Stop", StringComparison.Ordinal))));
        var streaming = Telegram.SentMessages(group)[0];
        Telegram.PressButton(streaming.MessageId, streaming.AllButtons.Single(b => b.Text.Contains("Stop", StringComparison.Ordinal)).CallbackData!, User);

        await Eventually.UntilAsync(() => Telegram.SentMessages(group)[0].Text.EndsWith("(stopped)", StringComparison.Ordinal));
        Assert.StartsWith("word", Telegram.SentMessages(group)[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_else_cannot_stop_my_answer()
    {
        const long group = -100_702;
        Telegram.AddGroup(group, "Shared");
        Host.Gateway.Enqueue(Slow(string.Join(' ', Enumerable.Repeat("mine", 30)), chunks: 30, delayMs: 80));
        Telegram.SendText(group, User, $"@{Telegram.Bot.Username} go on");

        await Eventually.UntilAsync(() => Telegram.SentMessages(group).Any(m => m.AllButtons.Any(b => b.Text.Contains("Stop", StringComparison.Ordinal))));
        var streaming = Telegram.SentMessages(group)[0];
        Telegram.PressButton(streaming.MessageId, streaming.AllButtons.Single(b => b.Text.Contains("Stop", StringComparison.Ordinal)).CallbackData!, Other);

        await Eventually.UntilAsync(() => Telegram.AnsweredCallbacks.Any(a => a.Text == "This button is not for you." && a.ShowAlert));
        await Eventually.UntilAsync(() => Telegram.SentMessages(group)[0].AllButtons.Count == 0);
        Assert.DoesNotContain("(stopped)", Telegram.SentMessages(group)[0].Text, StringComparison.Ordinal);
        Assert.Single(Telegram.SentMessages(group)); // the refusal went to the presser alone
    }

    [Fact]
    public async Task Stopping_a_draft_stops_the_answer()
    {
        Host.Gateway.Enqueue(Slow(string.Join(' ', Enumerable.Repeat("draft", 80)), chunks: 80, delayMs: 100));
        var before = Count(User);
        var draftsBefore = Telegram.Drafts(User).Count;
        Telegram.SendText(User, User, "write a lot");

        await Eventually.UntilAsync(() => Telegram.Drafts(User).Count > draftsBefore);
        Telegram.StopDraft(User, Telegram.Drafts(User)[^1].DraftId, User);

        var answer = (await NewMessagesAsync(User, before)).Single();
        Assert.EndsWith("(stopped)", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_error_halfway_ends_with_one_friendly_sentence_and_a_retry_that_works()
    {
        Host.Gateway.Enqueue(
            new FakeReply { Text = "The first half of the answer and then", Chunks = 8, CutAfterFrames = 4 },
            FakeReply.WithText("A complete answer."));
        var before = Count(User);
        Telegram.SendText(User, User, "explain something");

        var failed = (await NewMessagesAsync(User, before)).Single();
        var retry = Assert.Single(failed.AllButtons);
        Telegram.PressButton(failed.MessageId, retry.CallbackData!, User);

        var answered = (await NewMessagesAsync(User, before + 1))[^1];
        Assert.Equal("A complete answer.", answered.Text);
    }

    [Fact]
    public async Task A_long_answer_with_a_code_block_is_split_into_messages_that_each_stay_code()
    {
        var code = string.Join('\n', Enumerable.Range(1, 400).Select(i => $"var line{i} = {i}; // some padding text"));
        Host.Gateway.Enqueue(FakeReply.WithText($"Here:\n```csharp\n{code}\n```\nDone.", chunks: 4));
        var before = Count(User);
        Telegram.SendText(User, User, "write long code");

        await Eventually.UntilAsync(() => Telegram.SentMessages(User).Skip(before).Any(m => m.Text.EndsWith("Done.", StringComparison.Ordinal)));
        var parts = Telegram.SentMessages(User).Skip(before).ToList();
        Assert.True(parts.Count >= 4, $"{parts.Count} messages");
        Assert.All(parts, p => Assert.True(p.Text.Length <= 4096));
        Assert.All(parts[..^1], p => Assert.Contains(p.Current.Entities, e => e.Type == "pre" && e.Language == "csharp"));
    }

    [Fact]
    public async Task The_model_picker_replaces_itself_with_the_choice()
    {
        var before = Count(User);
        Telegram.SendCommand(User, User, "model");

        var picker = (await NewMessagesAsync(User, before)).Single();
        var big = picker.AllButtons.Single(b => b.Text.Contains("gpt-big", StringComparison.Ordinal));
        Telegram.PressButton(picker.MessageId, big.CallbackData!, User);

        await Eventually.UntilAsync(() => Telegram.SentMessages(User)[before].Text.Contains("gpt-big", StringComparison.Ordinal) && Telegram.SentMessages(User)[before].AllButtons.Count == 0);
        Assert.Equal(before + 1, Count(User));
    }
}
