using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Host.Messaging;

/// <summary>Routes outbound messages to the transport named in each reference.</summary>
internal sealed class Messenger(IEnumerable<IMessengerTransport> transports, IUserDirectory users, ILogger<Messenger> logger) : IMessenger
{
    private readonly Dictionary<string, IMessengerTransport> _transports = transports
        .GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    public Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken = default) =>
        Transport(conversation.Transport).SendAsync(conversation, reply, cancellationToken);

    public Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken = default) =>
        Transport(message.Transport).EditAsync(message, reply, cancellationToken);

    public Task DeleteAsync(MessageReference message, CancellationToken cancellationToken = default) =>
        Transport(message.Transport).DeleteAsync(message, cancellationToken);

    public Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken = default) =>
        Transport(conversation.Transport).SendActivityAsync(conversation, activity, cancellationToken);

    public async Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken = default)
    {
        var transport = Transport(conversation.Transport);
        return transport is ILiveReplyTransport streaming
            ? await streaming.OpenLiveReplyAsync(conversation, owner, cancellationToken)
            : new FinalOnlyLiveReply(transport, conversation);
    }

    public Task<MessageReference> NotifyUserAsync(long userId, Reply reply, CancellationToken cancellationToken = default)
    {
        var transport = _transports.Values.FirstOrDefault()
            ?? throw new TransportUnavailableException("No messaging transport is active, so nobody can be notified: configure the Telegram plugin (TELEGRAM_BOT_TOKEN).");
        return transport.SendAsync(transport.PrivateConversation(userId), reply, cancellationToken);
    }

    public async Task NotifyAdminsAsync(Reply reply, CancellationToken cancellationToken = default)
    {
        foreach (var admin in await users.GetAdminIdsAsync(cancellationToken))
        {
            try
            {
                await NotifyUserAsync(admin, reply, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not notify admin {AdminId}", admin);
            }
        }
    }

    private IMessengerTransport Transport(string name) =>
        _transports.TryGetValue(name, out var transport)
            ? transport
            : throw new TransportUnavailableException($"The '{name}' transport is not active, so the message cannot be delivered: check /plugins.");
}

/// <summary>No active transport can deliver the message.</summary>
internal sealed class TransportUnavailableException(string message) : PluginBotException(message);
