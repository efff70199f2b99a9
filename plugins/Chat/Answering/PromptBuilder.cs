using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>The messages sent to the model: the chat's system prompt first, then the history that fits the budget.</summary>
internal sealed class PromptBuilder(ConversationStore store, ISettingsStore settings, IOptions<ChatOptions> options)
{
    public async Task<List<ChatMessage>> BuildAsync(long conversationId, ConversationReference conversation, long userId, CancellationToken cancellationToken)
    {
        var system = await settings.ResolveAsync(SettingKeys.SystemPrompt, userId, conversation, cancellationToken: cancellationToken);
        var budget = options.Value.HistoryTokenBudget - (system is null ? 0 : HistoryWindow.EstimateTokens(system));
        var history = await store.RecentAsync(conversationId, Math.Max(0, budget), cancellationToken);
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(system))
        {
            messages.Add(new ChatMessage(ChatRole.System, system));
        }

        messages.AddRange(HistoryWindow.Select(history, Math.Max(0, budget)).Select(m =>
            new ChatMessage(m.Role == MessageRow.Assistant ? ChatRole.Assistant : ChatRole.User, m.Text)));
        return messages;
    }
}
