using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Answering;

public sealed class HistoryTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task History_over_the_token_budget_drops_the_oldest_turns_first()
    {
        // 1400 characters are about 350 tokens: three questions and their answers overflow the 1000-token budget.
        string Question(char c) => new(c, 1400);
        Gateway.Enqueue(FakeReply.WithText("A"), FakeReply.WithText("B"), FakeReply.WithText("C"));
        await AskAsync(Question('a'));
        await AskAsync(Question('b'));

        await AskAsync(Question('c'));

        Assert.Equal(
            [("user", Question('b')), ("assistant", "B"), ("user", Question('c'))],
            MessagesOf(CallFor(Question('c'))));
        Assert.Equal(6, (await StoredAsync()).Count);
    }

    [Fact]
    public async Task A_100_KB_message_is_sent_whole_even_over_the_budget_without_older_turns()
    {
        var huge = string.Concat(Enumerable.Repeat("0123456789", 10_000));
        await AskAsync("a short warm-up");

        var live = await AskAsync(huge);

        Assert.Equal("Hello from the fake model.", (await live.Final).Text);
        Assert.Equal([("user", huge)], MessagesOf(CallFor(huge)));
        Assert.Equal(huge, (await StoredAsync())[2].Text);
    }

    [Fact]
    public async Task Emoji_and_right_to_left_text_reach_the_model_and_the_store_unchanged()
    {
        const string question = "שלום עולם! مرحبا 👋🏽 — 👨‍👩‍👧‍👦 ok?";
        const string answer = "👍 שלום — سلام 🇮🇱🇸🇦";
        Gateway.Enqueue(FakeReply.WithText(answer, chunks: 5));

        var live = await AskAsync(question);

        Assert.Equal(answer, (await live.Final).Text);
        Assert.Equal([("user", question)], MessagesOf(CallFor(question)));
        Assert.Equal([("user", question), ("assistant", answer)], await StoredAsync());
    }

    [Fact]
    public async Task The_conversation_survives_a_restart_of_the_host()
    {
        Gateway.Enqueue(FakeReply.WithText("Noted: 42."));
        await AskAsync("My number is 42.");

        var restarted = new ChatFixture { DatabasePath = Host.CurrentDatabasePath };
        await restarted.InitializeAsync();
        try
        {
            var dispatcher = restarted.Services.GetRequiredService<ICommandDispatcher>();
            await dispatcher.HandleTextAsync("What is my number?", Context());
            await Eventually.UntilAsync(() => restarted.Transport.In(Chat) is [{ IsComplete: true }]);

            Assert.Equal(
                [("user", "My number is 42."), ("assistant", "Noted: 42."), ("user", "What is my number?")],
                MessagesOf(restarted.Gateway.LastCall));
        }
        finally
        {
            await restarted.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_shutdown_ends_a_running_answer_as_stopped_and_keeps_what_was_shown()
    {
        var host = new ChatFixture { DatabasePath = Host.CurrentDatabasePath };
        await host.InitializeAsync();
        try
        {
            host.Gateway.Enqueue(new FakeReply { Text = string.Join(' ', Enumerable.Repeat("partial", 60)), Chunks = 60, ChunkDelay = TimeSpan.FromMilliseconds(100) });
            await host.Services.GetRequiredService<ICommandDispatcher>().HandleTextAsync("Tell me a long story.", Context());
            await Eventually.UntilAsync(() => host.Transport.In(Chat) is [{ Appended.Count: > 2 }]);

            await host.App.StopAsync();

            var live = Assert.Single(host.Transport.In(Chat));
            Assert.True(live.IsComplete);
            Assert.EndsWith("(stopped)_", (await live.Final).Text, StringComparison.Ordinal);
            var stored = await StoredAsync();
            Assert.Equal(("user", "Tell me a long story."), stored[0]);
            Assert.StartsWith("partial", Assert.Single(stored, m => m.Role == "assistant").Text, StringComparison.Ordinal);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
