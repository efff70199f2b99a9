using PluginBot.Abstractions.Replies;

namespace PluginBot.Host.Messaging;

/// <summary>
/// For transports that cannot show an answer while it grows: a typing signal, then the final reply. The appended text
/// is not kept, since nothing of it is shown before the final reply replaces it.
/// </summary>
internal sealed class FinalOnlyLiveReply(IMessengerTransport transport, ConversationReference conversation) : ILiveReply
{
    private bool _signalled;

    public CancellationToken Stopped => CancellationToken.None;

    public async Task AppendAsync(string delta, CancellationToken cancellationToken = default)
    {
        if (!_signalled)
        {
            _signalled = true;
            await transport.SendActivityAsync(conversation, ActivityKind.Typing, cancellationToken);
        }
    }

    public Task<MessageReference> CompleteAsync(Reply final, CancellationToken cancellationToken = default) =>
        transport.SendAsync(conversation, final, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
