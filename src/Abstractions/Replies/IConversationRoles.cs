using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Replies;

/// <summary>How a person stands in a conversation. Since host API 1.5.</summary>
public enum ConversationRole
{
    /// <summary>Their own private conversation with the bot: what is set there concerns them alone.</summary>
    Private,

    /// <summary>An administrator (or the owner) of a shared conversation, such as a group.</summary>
    Administrator,

    /// <summary>Anyone else in a shared conversation, and anyone where the transport cannot tell.</summary>
    Member,
}

/// <summary>
/// Where features ask how a person stands in a conversation, to decide who may change what applies to everyone in it
/// (a group's model, system prompt or project). The host answers <see cref="ConversationRole.Private"/> for the
/// person's private conversation and asks the conversation's transport (<see cref="IConversationRoleTransport"/>)
/// about any other; a transport that cannot say makes everyone a <see cref="ConversationRole.Member"/>. Since host
/// API 1.5.
/// </summary>
public interface IConversationRoles
{
    /// <summary>How <paramref name="userId"/> stands in <paramref name="conversation"/>.</summary>
    Task<ConversationRole> RoleOfAsync(ConversationReference conversation, long userId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Implemented by a transport whose conversations can be shared (groups), registered as a singleton: says whether a
/// user administers a conversation, as the messenger itself knows it. Asked only about conversations that are not the
/// user's private one; it may remember answers briefly. Since host API 1.5.
/// </summary>
public interface IConversationRoleTransport
{
    /// <summary>The transport name used in references, as <see cref="IMessengerTransport.Name"/>.</summary>
    string Transport { get; }

    /// <summary>How <paramref name="userId"/> stands in <paramref name="conversation"/>; <see cref="ConversationRole.Member"/> when unsure.</summary>
    Task<ConversationRole> RoleOfAsync(ConversationReference conversation, long userId, CancellationToken cancellationToken);
}

/// <summary>The rule every chat-wide setting follows.</summary>
public static class ConversationRolesExtensions
{
    /// <summary>
    /// True when <paramref name="actor"/> may change a setting for everyone in <paramref name="conversation"/>: bot
    /// admins and the system anywhere, anyone in their own private conversation, administrators in a shared one.
    /// </summary>
    public static async Task<bool> MayChangeForEveryoneAsync(this IConversationRoles roles, ConversationReference conversation, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.IsPrivileged || await roles.RoleOfAsync(conversation, actor.Id, cancellationToken) != ConversationRole.Member;
    }
}
