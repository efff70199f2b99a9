using System.Collections.Concurrent;
using System.Globalization;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Chat.Tests.Support;

/// <summary>
/// A messaging transport with live replies that records everything and lets a test press stop. Its chats are groups
/// each test's user administers, unless a test makes someone a plain member there (<see cref="MakeMember"/>).
/// </summary>
public sealed class LiveTransport : IMessengerTransport, ILiveReplyTransport, IConversationRoleTransport
{
    public const string TransportName = "fake";
    private int _nextId;

    private readonly ConcurrentDictionary<(string ChatId, long UserId), bool> _members = new();

    public string Name => TransportName;

    string IConversationRoleTransport.Transport => TransportName;

    public ConcurrentQueue<(ConversationReference Conversation, Reply Reply)> Sent { get; } = new();

    public ConcurrentQueue<RecordedLiveReply> LiveReplies { get; } = new();

    public IReadOnlyList<RecordedLiveReply> In(ConversationReference conversation) =>
        [.. LiveReplies.Where(l => l.Conversation == conversation)];

    public Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken)
    {
        var live = new RecordedLiveReply(conversation, owner, NextReference(conversation));
        LiveReplies.Enqueue(live);
        return Task.FromResult<ILiveReply>(live);
    }

    public Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken)
    {
        Sent.Enqueue((conversation, reply));
        return Task.FromResult(NextReference(conversation));
    }

    public Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteAsync(MessageReference message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken) => Task.CompletedTask;

    public ConversationReference PrivateConversation(long userId) => new(TransportName, userId.ToString(CultureInfo.InvariantCulture));

    /// <summary>From now on <paramref name="userId"/> is a member of <paramref name="conversation"/>, not one of its administrators.</summary>
    public void MakeMember(ConversationReference conversation, long userId) => _members[(conversation.ChatId, userId)] = true;

    public Task<ConversationRole> RoleOfAsync(ConversationReference conversation, long userId, CancellationToken cancellationToken)
    {
        return Task.FromResult(_members.ContainsKey((conversation.ChatId, userId)) ? ConversationRole.Member : ConversationRole.Administrator);
    }

    private MessageReference NextReference(ConversationReference conversation) =>
        new(conversation.Transport, conversation.ChatId, conversation.ThreadId, Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture));
}

/// <summary>One live reply: every appended piece, the text so far, the final reply, and a stop button.</summary>
public sealed class RecordedLiveReply(ConversationReference conversation, Actor owner, MessageReference reference) : ILiveReply
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Reply> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _charactersReceived;

    public ConversationReference Conversation { get; } = conversation;

    public Actor Owner { get; } = owner;

    /// <summary>The pieces of text appended, in order.</summary>
    public ConcurrentQueue<string> Appended { get; } = new();

    /// <summary>The answer so far, as the transport would show it.</summary>
    public string Shown => string.Concat(Appended);

    /// <summary>How many characters the answer handed this transport while it streamed, in all.</summary>
    public long CharactersReceived => Interlocked.Read(ref _charactersReceived);

    public Task<Reply> Final => _final.Task;

    public bool IsComplete => _final.Task.IsCompleted;

    public bool Disposed { get; private set; }

    public CancellationToken Stopped => _stop.Token;

    /// <summary>What the stop button does.</summary>
    public void Stop() => _stop.Cancel();

    public Task AppendAsync(string delta, CancellationToken cancellationToken = default)
    {
        Appended.Enqueue(delta);
        Interlocked.Add(ref _charactersReceived, delta.Length);
        return Task.CompletedTask;
    }

    public Task<MessageReference> CompleteAsync(Reply final, CancellationToken cancellationToken = default)
    {
        _final.TrySetResult(final);
        return Task.FromResult(reference);
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
