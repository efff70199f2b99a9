using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Plugins.Costs.Tests.Support;

/// <summary>A transport that shows answers as they stream, records every update and has a stop button a test presses.</summary>
public sealed class LiveTransport : IMessengerTransport, ILiveReplyTransport
{
    public const string TransportName = "live";
    private int _nextId;

    public string Name => TransportName;

    public ConcurrentQueue<LiveAnswer> Answers { get; } = new();

    public Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken)
    {
        var answer = new LiveAnswer(conversation, NextReference(conversation));
        Answers.Enqueue(answer);
        return Task.FromResult<ILiveReply>(answer);
    }

    public Task<MessageReference> SendAsync(ConversationReference conversation, Reply reply, CancellationToken cancellationToken) =>
        Task.FromResult(NextReference(conversation));

    public Task EditAsync(MessageReference message, Reply reply, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task DeleteAsync(MessageReference message, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SendActivityAsync(ConversationReference conversation, ActivityKind activity, CancellationToken cancellationToken) => Task.CompletedTask;

    public ConversationReference PrivateConversation(long userId) => new(TransportName, userId.ToString(CultureInfo.InvariantCulture));

    private MessageReference NextReference(ConversationReference conversation) =>
        new(conversation.Transport, conversation.ChatId, conversation.ThreadId, Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture));
}

/// <summary>One streamed answer: the text shown so far, the final reply, and its stop button.</summary>
public sealed class LiveAnswer(ConversationReference conversation, MessageReference reference) : ILiveReply
{
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Reply> _final = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly StringBuilder _shown = new();

    public ConversationReference Conversation { get; } = conversation;

    /// <summary>The whole text shown so far.</summary>
    public string Shown
    {
        get
        {
            lock (_gate)
            {
                return _shown.ToString();
            }
        }
    }

    public Task<Reply> Final => _final.Task;

    public CancellationToken Stopped => _stop.Token;

    /// <summary>What pressing the stop button does.</summary>
    public void Stop() => _stop.Cancel();

    public Task AppendAsync(string delta, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _shown.Append(delta);
        }

        return Task.CompletedTask;
    }

    public Task<MessageReference> CompleteAsync(Reply final, CancellationToken cancellationToken = default)
    {
        _final.TrySetResult(final);
        return Task.FromResult(reference);
    }

    public ValueTask DisposeAsync()
    {
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
