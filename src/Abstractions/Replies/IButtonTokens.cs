using MediatR;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Replies;

/// <summary>
/// Button actions are stored server-side and sent to clients as short tokens (<c>cb:</c> + 16 characters),
/// so callback data stays far under Telegram's 64 bytes, survives restarts and cannot be forged.
/// The request type must be registered with <c>services.AddButtonAction&lt;TRequest&gt;()</c>.
/// </summary>
public interface IButtonTokens
{
    /// <summary>Stores <paramref name="request"/> and returns the token to put on a button.</summary>
    /// <param name="request">
    /// The request a press sends (it runs as the person who pressed, through the full pipeline); it answers a
    /// <see cref="Reply"/> or a result with an <see cref="IReplyRenderer{TResult}"/>.
    /// </param>
    /// <param name="issuedTo">When set, only this user (or an admin) may press the button.</param>
    /// <param name="lifetime">How long the button works; the host's default when null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<string> IssueAsync(IBaseRequest request, Actor? issuedTo = null, TimeSpan? lifetime = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Turns pressed data back into its request. Throws <see cref="Errors.NotFoundException"/> for an unknown
    /// or expired token and <see cref="Errors.ForbiddenException"/> when <paramref name="presser"/> may not press it.
    /// </summary>
    Task<IBaseRequest> ResolveAsync(string data, Actor presser, CancellationToken cancellationToken = default);
}
