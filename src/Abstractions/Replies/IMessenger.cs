using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Replies;

/// <summary>
/// The outbound side every feature uses outside an incoming update: post to a stored conversation, edit or
/// delete a message by its reference, notify a user or all admins. The host routes each call to the
/// transport named in the reference.
/// </summary>
public interface IMessenger
{
    /// <summary>Sends a reply into a conversation and returns the reference of the sent message.</summary>
    Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken = default);

    /// <summary>Replaces the text and buttons of a message sent earlier.</summary>
    Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken = default);

    /// <summary>Deletes a message sent earlier.</summary>
    Task DeleteAsync(MessageReference message, CancellationToken cancellationToken = default);

    /// <summary>Shows a short "working" signal in a conversation.</summary>
    Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens an answer that is shown while it is generated. Transports without live updates send only the final
    /// reply.
    /// </summary>
    Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken = default);

    /// <summary>Sends a reply to a user's private conversation.</summary>
    Task<MessageReference> NotifyUserAsync(long userId, Reply reply, CancellationToken cancellationToken = default);

    /// <summary>Sends a reply to every admin; failures for one admin do not stop the others.</summary>
    Task NotifyAdminsAsync(Reply reply, CancellationToken cancellationToken = default);
}

/// <summary>
/// Implemented by a transport plugin (Telegram, ...) and registered as a singleton; the host's
/// <see cref="IMessenger"/> routes to it by <see cref="Name"/>.
/// </summary>
public interface IMessengerTransport
{
    /// <summary>The transport name used in references, e.g. <c>telegram</c>.</summary>
    string Name { get; }

    /// <inheritdoc cref="IMessenger.SendAsync"/>
    Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken);

    /// <inheritdoc cref="IMessenger.EditAsync"/>
    Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken);

    /// <inheritdoc cref="IMessenger.DeleteAsync"/>
    Task DeleteAsync(MessageReference message, CancellationToken cancellationToken);

    /// <inheritdoc cref="IMessenger.SendActivityAsync"/>
    Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken);

    /// <summary>The private conversation with a user on this transport.</summary>
    ConversationReference PrivateConversation(long userId);
}
