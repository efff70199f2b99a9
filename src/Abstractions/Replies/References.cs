namespace PluginBot.Abstractions.Replies;

/// <summary>
/// A durable reference to a conversation: a chat and, in forums, a topic. Serialisable, so a later process
/// can post into the same place.
/// </summary>
/// <param name="Transport">The transport's name, e.g. <c>telegram</c>.</param>
/// <param name="ChatId">The chat, as the transport spells it.</param>
/// <param name="ThreadId">The thread or forum topic, when there is one.</param>
public sealed record ConversationReference(string Transport, string ChatId, string? ThreadId = null)
{
    /// <inheritdoc />
    public override string ToString() => ThreadId is null ? $"{Transport}:{ChatId}" : $"{Transport}:{ChatId}/{ThreadId}";
}

/// <summary>A durable reference to one sent message, so a later process can edit or delete it in place.</summary>
/// <param name="Transport">The transport's name.</param>
/// <param name="ChatId">The chat.</param>
/// <param name="ThreadId">The thread or topic, when there is one.</param>
/// <param name="MessageId">The message id, as the transport spells it.</param>
public sealed record MessageReference(string Transport, string ChatId, string? ThreadId, string MessageId)
{
    /// <summary>The conversation the message is in.</summary>
    public ConversationReference Conversation => new(Transport, ChatId, ThreadId);
}
