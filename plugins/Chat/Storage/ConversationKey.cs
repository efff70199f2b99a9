using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Chat.Storage;

/// <summary>Whose conversation: one per user in each chat and topic, so people in a group each have their own.</summary>
internal sealed record ConversationKey(string Transport, string ChatId, string? ThreadId, long UserId)
{
    public static ConversationKey Of(ConversationReference conversation, long userId) =>
        new(conversation.Transport, conversation.ChatId, conversation.ThreadId, userId);
}
