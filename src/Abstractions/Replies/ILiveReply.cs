using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Replies;

/// <summary>
/// An answer that is written while it is generated. Hand it each new piece of text as it comes; the live reply keeps
/// the text so far, and the transport decides how often to show it (drafts, throttled edits, or only the final
/// message), rendering only the frames it shows, and shows a "working" signal until the first text arrives. End it
/// with <see cref="CompleteAsync"/>; disposing without completing removes what was shown. Since host API 2.0 it takes
/// appended text (1.x took the whole text again for every piece).
/// </summary>
public interface ILiveReply : IAsyncDisposable
{
    /// <summary>Cancelled when the person the answer is for (or an admin) asks to stop it.</summary>
    CancellationToken Stopped { get; }

    /// <summary>
    /// Adds <paramref name="delta"/> (Markdown) to the end of the answer; the answer so far is shown when the transport
    /// next may. Cheap: it does not wait for the transport.
    /// </summary>
    Task AppendAsync(string delta, CancellationToken cancellationToken = default);

    /// <summary>Replaces the streamed preview with the final reply (buttons included) and returns where it is.</summary>
    Task<MessageReference> CompleteAsync(Reply final, CancellationToken cancellationToken = default);
}

/// <summary>A transport that can show an answer while it is generated (see <see cref="ILiveReply"/>).</summary>
public interface ILiveReplyTransport
{
    /// <summary>Opens a stream in <paramref name="conversation"/>; only <paramref name="owner"/> or an admin may stop it.</summary>
    Task<ILiveReply> OpenLiveReplyAsync(ConversationReference conversation, Actor owner, CancellationToken cancellationToken);
}
