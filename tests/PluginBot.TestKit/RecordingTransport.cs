using System.Collections.Concurrent;
using PluginBot.Abstractions.Replies;

namespace PluginBot.TestKit;

/// <summary>A transport that records what it was asked to do, standing in for a messaging plugin.</summary>
public sealed class RecordingTransport : IMessengerTransport
{
    public const string TransportName = "recording";
    private int _nextId;

    public string Name => TransportName;

    public ConcurrentQueue<string> Calls { get; } = new();

    public ConcurrentBag<string> FailFor { get; } = [];

    public Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken)
    {
        if (FailFor.Contains(conversation.ChatId))
        {
            throw new InvalidOperationException("chat unreachable");
        }

        Calls.Enqueue($"send {conversation} {reply.Text}");
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.FromResult(new MessageReference(conversation.Transport, conversation.ChatId, conversation.ThreadId, id));
    }

    public Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"edit {message.MessageId} {reply.Text}");
        return Task.CompletedTask;
    }

    public Task DeleteAsync(MessageReference message, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"delete {message.MessageId}");
        return Task.CompletedTask;
    }

    public Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"activity {conversation} {activity}");
        return Task.CompletedTask;
    }

    public ConversationReference PrivateConversation(long userId) =>
        new(TransportName, userId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
