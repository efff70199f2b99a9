using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Answering;

public sealed class FailureTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task A_rate_limit_ends_the_reply_with_one_friendly_sentence_and_a_retry_button()
    {
        Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.RateLimit(retryAfterSeconds: 1));

        var final = await (await AskAsync("Hello?")).Final;

        Assert.Equal("The model is not answering right now (rate limited); try again in a minute.", final.Text);
        Assert.Equal("Retry", RetryButton(final).Label);
    }

    [Fact]
    public async Task A_server_error_ends_the_reply_with_a_friendly_sentence()
    {
        Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.ServerError());

        var final = await (await AskAsync("Hello?")).Final;

        Assert.StartsWith("The model is not answering right now (the provider has a problem)", final.Text, StringComparison.Ordinal);
        Assert.Single(final.Buttons);
    }

    [Fact]
    public async Task A_garbage_answer_ends_the_reply_with_a_friendly_sentence()
    {
        Gateway.DefaultReply = new FakeReply { Malformed = MalformedFrame.GarbageBytes };

        var final = await (await AskAsync("Hello?")).Final;

        Assert.StartsWith("The model's answer broke off", final.Text, StringComparison.Ordinal);
        Assert.Single(final.Buttons);
    }

    [Fact]
    public async Task A_stream_that_breaks_halfway_keeps_the_shown_text_above_the_sentence_and_stores_no_answer()
    {
        Gateway.Enqueue(FakeReply.WithText("The first half and the second half", chunks: 4) with { CutAfterFrames = 3 });

        var live = await AskAsync("Tell me both halves");
        var final = await live.Final;

        var shown = live.Shown;
        Assert.StartsWith($"{shown}\n\nThe model's answer broke off", final.Text, StringComparison.Ordinal);
        Assert.Single(final.Buttons);
        Assert.Equal([("user", "Tell me both halves")], await StoredAsync());
    }

    [Fact]
    public async Task Pressing_retry_answers_the_same_question_again()
    {
        Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.ServerError());
        var failed = await (await AskAsync("What is 2 + 2?")).Final;
        Gateway.DefaultReply = FakeReply.WithText("4");

        Assert.True((await PressAsync(RetryButton(failed).ActionToken!)).IsNone);

        var retried = await AnswerAsync(1);
        Assert.Equal("4", (await retried.Final).Text);
        Assert.Equal([("user", "What is 2 + 2?")], MessagesOf(Gateway.LastCall));
        Assert.Equal([("user", "What is 2 + 2?"), ("assistant", "4")], await StoredAsync());
    }

    [Fact]
    public async Task Only_the_person_who_asked_can_press_retry()
    {
        Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.ServerError());
        var failed = await (await AskAsync("Mine")).Final;

        var reply = await PressAsync(RetryButton(failed).ActionToken!, HostFixture.OtherUser);

        Assert.Equal("This button is not for you.", reply.Text);
    }

    [Fact]
    public async Task Retry_after_a_new_conversation_has_nothing_to_retry()
    {
        Gateway.DefaultReply = FakeReply.WithError(OpenAiErrors.ServerError());
        var failed = await (await AskAsync("Old question")).Final;
        await CommandAsync("/new");

        await PressAsync(RetryButton(failed).ActionToken!);

        await Eventually.UntilAsync(() => Transport.Sent.Any(s => s.Conversation == Chat));
        Assert.StartsWith("That conversation has ended", Transport.Sent.Single(s => s.Conversation == Chat).Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_cannot_be_resolved_is_explained_with_a_retry_button()
    {
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            // Saved behind /model's back: the endpoint was removed after the chat chose it.
            var settings = scope.ServiceProvider.GetRequiredService<ISettingsStore>();
            await settings.SetAsync(SettingKeys.Model, new SettingScope.Chat(Chat), "nowhere:model");
        }

        var final = await (await AskAsync("Hello?")).Final;

        Assert.Contains("Unknown endpoint 'nowhere'", final.Text, StringComparison.Ordinal);
        Assert.Single(final.Buttons);
    }

    private static ReplyButton RetryButton(Reply reply) => Assert.Single(Assert.Single(reply.Buttons));
}
