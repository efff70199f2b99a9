using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>A chat and, in forums, a topic. Private chats have positive ids (the user's), groups negative ones.</summary>
internal readonly record struct ChatTarget(long ChatId, int? ThreadId)
{
    public bool IsPrivate => ChatId > 0;

    public static ChatTarget From(ConversationReference conversation) =>
        new(long.Parse(conversation.ChatId, System.Globalization.CultureInfo.InvariantCulture),
            conversation.ThreadId is null ? null : int.Parse(conversation.ThreadId, System.Globalization.CultureInfo.InvariantCulture));

    public ConversationReference ToConversation() =>
        new(TelegramTransport.TransportName, ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture), ThreadId?.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
