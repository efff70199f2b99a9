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

    /// <summary>Every reply sent or edited, whole (buttons and attachment included), in order.</summary>
    public ConcurrentQueue<RecordedReply> Replies { get; } = new();

    /// <summary>Forgets what was recorded, for the next test.</summary>
    public void Clear()
    {
        Calls.Clear();
        Replies.Clear();
    }

    public Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken)
    {
        if (FailFor.Contains(conversation.ChatId))
        {
            throw new InvalidOperationException("chat unreachable");
        }

        Calls.Enqueue($"send {conversation} {reply.Text}");
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Replies.Enqueue(new RecordedReply(false, new MessageReference(conversation.Transport, conversation.ChatId, conversation.ThreadId, id), reply));
        return Task.FromResult(new MessageReference(conversation.Transport, conversation.ChatId, conversation.ThreadId, id));
    }

    public Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"edit {message.MessageId} {reply.Text}");
        Replies.Enqueue(new RecordedReply(true, message, reply));
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

/// <summary>A reply the transport was asked to send (<paramref name="Edit"/> false) or to put in place of <paramref name="Message"/>.</summary>
public sealed record RecordedReply(bool Edit, MessageReference Message, Reply Reply)
{
    /// <summary>The action token of the button labelled <paramref name="label"/> (or starting with it).</summary>
    public string Button(string label) =>
        Reply.Buttons.SelectMany(r => r).FirstOrDefault(b => b.Label.StartsWith(label, StringComparison.Ordinal))?.ActionToken
        ?? throw new InvalidOperationException($"No button '{label}' on: {Reply.Text}");
}
