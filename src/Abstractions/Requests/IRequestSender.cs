using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Requests;

/// <summary>
/// The one way to act as someone: each call opens a fresh DI scope whose actor is the one given, and sends the request
/// (or publishes the event) through the host's pipeline there, so authorization, rate limits, validation and the audit
/// log apply as for a request that came in from a transport. Use it from background work (workers, schedules, event
/// handlers acting for a user). Since host API 2.0.
/// </summary>
/// <remarks>
/// A person's actor is checked against the allow-list on every send (a plugin cannot make anyone an admin, and a user
/// denied meanwhile is refused). Acting as <see cref="ActorKind.System"/> skips authorization; the host logs each such
/// elevation with the id of the plugin that asked for it.
/// </remarks>
public interface IRequestSender
{
    /// <summary>Sends <paramref name="request"/> as <paramref name="actor"/> in a scope of its own.</summary>
    Task<TResponse> SendAsAsync<TResponse>(Actor actor, IRequest<TResponse> request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request whose response type is known only at run time (a command's or a button's) as
    /// <paramref name="actor"/> and returns its response.
    /// </summary>
    Task<object?> SendAsAsync(Actor actor, IBaseRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes <paramref name="notification"/> as <paramref name="actor"/>: every handler runs isolated, in a scope of
    /// its own, with that actor.
    /// </summary>
    Task PublishAsAsync(Actor actor, INotification notification, CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a DI scope whose actor is <paramref name="actor"/>, for work that is more than one request (an agent loop
    /// whose tools resolve scoped services as the task's owner). A person is checked against the allow-list first and
    /// refused with <see cref="Errors.ForbiddenException"/> when they may no longer use the bot; the system is logged
    /// as for a send. Dispose the scope when the work ends.
    /// </summary>
    Task<AsyncServiceScope> OpenScopeAsAsync(Actor actor, CancellationToken cancellationToken = default);
}
