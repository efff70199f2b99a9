using PluginBot.Abstractions.Replies;

namespace PluginBot.Host.Messaging;

/// <summary>
/// A person's own private conversation is theirs; for any other the conversation's transport is asked, and a
/// transport that cannot tell makes everyone a member (so nobody but bot admins changes what applies to all).
/// </summary>
internal sealed class ConversationRoles(IEnumerable<IMessengerTransport> transports, IEnumerable<IConversationRoleTransport> sources) : IConversationRoles
{
    private readonly Dictionary<string, IMessengerTransport> _transports = transports
        .GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, IConversationRoleTransport> _sources = sources
        .GroupBy(s => s.Transport, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    public Task<ConversationRole> RoleOfAsync(ConversationReference conversation, long userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (_transports.TryGetValue(conversation.Transport, out var transport) && IsPrivate(transport, conversation, userId))
        {
            return Task.FromResult(ConversationRole.Private);
        }

        return _sources.TryGetValue(conversation.Transport, out var source)
            ? source.RoleOfAsync(conversation, userId, cancellationToken)
            : Task.FromResult(ConversationRole.Member);
    }

    /// <summary>The user's private conversation on <paramref name="transport"/>, whatever topic in it.</summary>
    public static bool IsPrivate(IMessengerTransport transport, ConversationReference conversation, long userId) =>
        string.Equals(transport.PrivateConversation(userId).ChatId, conversation.ChatId, StringComparison.Ordinal);
}
