using System.Globalization;
using PluginBot.Abstractions.Replies;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Sending;

/// <summary>A chat and, in forums, a topic. Private chats have positive ids (the user's), groups negative ones.</summary>
internal readonly record struct ChatTarget(long ChatId, int? ThreadId)
{
    public bool IsPrivate => ChatId > 0;

    /// <summary>Where a message was written: its chat, and its topic when it is a forum topic's message.</summary>
    public static ChatTarget Of(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message.Chat.Id, message.IsTopicMessage ? message.MessageThreadId : null);
    }

    public static ChatTarget From(ConversationReference conversation) =>
        new(long.Parse(conversation.ChatId, CultureInfo.InvariantCulture),
            conversation.ThreadId is null ? null : int.Parse(conversation.ThreadId, CultureInfo.InvariantCulture));

    public ConversationReference ToConversation() =>
        new(TelegramTransport.TransportName, ChatId.ToString(CultureInfo.InvariantCulture), ThreadId?.ToString(CultureInfo.InvariantCulture));

    public MessageReference Message(int messageId)
    {
        var conversation = ToConversation();
        return new MessageReference(conversation.Transport, conversation.ChatId, conversation.ThreadId, messageId.ToString(CultureInfo.InvariantCulture));
    }
}
