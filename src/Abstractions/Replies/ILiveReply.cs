using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Replies;

/// <summary>
/// An answer that is written while it is generated. Give it the whole text so far as often as you like; the transport
/// decides how often to show it (drafts, throttled edits, or only the final message), and shows a "working" signal
/// until the first text arrives. End it with <see cref="CompleteAsync"/>; disposing without completing removes what
/// was shown.
/// </summary>
public interface ILiveReply : IAsyncDisposable
{
    /// <summary>Cancelled when the person the answer is for (or an admin) asks to stop it.</summary>
    CancellationToken Stopped { get; }

    /// <summary>Shows <paramref name="markdownSoFar"/>, the whole answer so far, when the transport next may.</summary>
    Task UpdateAsync(string markdownSoFar, CancellationToken cancellationToken = default);

    /// <summary>Replaces the streamed preview with the final reply (buttons included) and returns where it is.</summary>
    Task<MessageReference> CompleteAsync(Reply final, CancellationToken cancellationToken = default);
}

/// <summary>A transport that can show an answer while it is generated (see <see cref="ILiveReply"/>).</summary>
public interface ILiveReplyTransport
{
    /// <summary>Opens a stream in <paramref name="conversation"/>; only <paramref name="owner"/> or an admin may stop it.</summary>
    Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken);
}
