using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>Chooses how much of a conversation fits the history budget.</summary>
internal static class HistoryWindow
{
    /// <summary>
    /// Tokens are approximated as characters / 4 (rounded up): close enough for English text and code with
    /// common tokenizers, and it needs no tokenizer for every provider.
    /// </summary>
    public static int EstimateTokens(string text) => (text.Length + 3) / 4;

    /// <summary>
    /// The newest messages that fit <paramref name="budget"/>: the oldest turns go first, the newest message (the
    /// question being asked) is always kept, and the window never opens with an answer whose question was dropped.
    /// </summary>
    public static IReadOnlyList<MessageRow> Select(IReadOnlyList<MessageRow> history, int budget)
    {
        var start = history.Count;
        var used = 0;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var cost = EstimateTokens(history[i].Text);
            if (start < history.Count && used + cost > budget)
            {
                break;
            }

            used += cost;
            start = i;
        }

        while (start < history.Count - 1 && history[start].Role != MessageRow.User)
        {
            start++;
        }

        return [.. history.Skip(start)];
    }
}
