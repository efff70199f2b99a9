using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Messaging;

namespace PluginBot.Host.Commands;

/// <summary>
/// A reply meant for the sender alone (<see cref="Reply.ForSenderOnly"/>: an admin's listing) that was asked for in a
/// shared conversation goes to the sender's private conversation on the same transport; the shared one gets a short
/// note, or, when the private send fails (the sender never started the bot), a note saying so, never the reply.
/// </summary>
internal sealed partial class PrivateDelivery(IEnumerable<IMessengerTransport> transports, ILogger<PrivateDelivery> logger)
{
    public const string Sent = "I answered you in our private chat: that answer is for you alone.";

    public const string NotSent = "That answer is for you alone, but I could not reach you privately: open a private chat with me (press Start there), then ask again.";

    private readonly Dictionary<string, IMessengerTransport> _transports = transports
        .GroupBy(t => t.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    public async Task<Reply> DeliverAsync(Reply reply, CommandContext context, CancellationToken cancellationToken)
    {
        if (!reply.ForSenderOnly || reply.IsNone || reply.IsProblem
            || !_transports.TryGetValue(context.Conversation.Transport, out var transport)
            || ConversationRoles.IsPrivate(transport, context.Conversation, context.Actor.Id))
        {
            return reply;
        }

        try
        {
            await transport.SendAsync(transport.PrivateConversation(context.Actor.Id), reply, cancellationToken);
            return Reply.Plain(Sent);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotSent(context.Actor.Id, context.Conversation.ToString(), ex.Message);
            return Reply.Problem(NotSent);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A reply for user {UserId} alone, asked for in {Conversation}, could not be sent to them privately: {Reason}")]
    private partial void LogNotSent(long userId, string conversation, string reason);
}
