using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Tests.Answering;

public sealed class HistoryWindowTests
{
    [Fact]
    public void Tokens_are_estimated_as_characters_over_four_rounded_up()
    {
        Assert.Equal(0, HistoryWindow.EstimateTokens(""));
        Assert.Equal(1, HistoryWindow.EstimateTokens("a"));
        Assert.Equal(1, HistoryWindow.EstimateTokens("abcd"));
        Assert.Equal(2, HistoryWindow.EstimateTokens("abcde"));
    }

    [Fact]
    public void Everything_is_kept_when_it_fits()
    {
        var history = Messages("q1", "a1", "q2");

        Assert.Equal(history, HistoryWindow.Select(history, budget: 100));
    }

    [Fact]
    public void The_newest_message_is_kept_even_when_it_alone_is_over_the_budget()
    {
        var history = Messages("q1", "a1", new string('x', 4000));

        Assert.Equal([history[2]], HistoryWindow.Select(history, budget: 10));
    }

    [Fact]
    public void The_window_never_opens_with_an_answer_whose_question_was_dropped()
    {
        // q1 (25 tokens) does not fit, a1 would: the answer goes with its question.
        var history = Messages(new string('q', 100), "a1", "q2");

        Assert.Equal([history[2]], HistoryWindow.Select(history, budget: 3));
    }

    [Fact]
    public void No_history_gives_an_empty_window()
    {
        Assert.Empty(HistoryWindow.Select([], budget: 100));
    }

    /// <summary>Alternating user and assistant messages, starting with the user.</summary>
    private static List<MessageRow> Messages(params string[] texts) =>
        [.. texts.Select((text, i) => new MessageRow { Id = i + 1, Role = i % 2 == 0 ? MessageRow.User : MessageRow.Assistant, Text = text })];
}
