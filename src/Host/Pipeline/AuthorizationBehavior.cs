using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Identity;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// Checks who may send the request: the actor is re-resolved against the allow-list (so a user denied a
/// minute ago is refused now), then the request's <see cref="AccessLevel"/> is enforced.
/// </summary>
internal sealed class AuthorizationBehavior<TRequest, TResponse>(
    ActorAccessor actorAccessor,
    IUserDirectory users,
    IServiceProvider services,
    ILogger<AuthorizationBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var actor = actorAccessor.Current ?? throw new ForbiddenException("This request has no sender; it was refused.");
        if (actor.Kind != ActorKind.System && !(actor.Kind == ActorKind.Admin && actor.Id == 0))
        {
            actor = await users.ResolveAsync(actor.Id, actor.Transport, cancellationToken)
                ?? throw new ForbiddenException($"You are not on this bot's allow-list. Ask an admin to run /allow {actor.Id}.");
            actorAccessor.Current = actor;
        }

        switch (RequestTraits<TRequest>.Access)
        {
            case AccessLevel.AdminOnly when !actor.IsPrivileged:
                throw new ForbiddenException("Only admins can do this.");
            case AccessLevel.Owner when !actor.IsPrivileged:
                var authorizer = services.GetService<IRequestAuthorizer<TRequest>>();
                if (authorizer is null)
                {
                    logger.LogError("{Request} is owner-only but no IRequestAuthorizer is registered for it; refusing", RequestTraits<TRequest>.Name);
                    throw new ForbiddenException("Only the owner or an admin can do this.");
                }

                if (!await authorizer.IsOwnerAsync(request, actor, cancellationToken))
                {
                    throw new ForbiddenException("Only the owner or an admin can do this.");
                }

                break;
        }

        return await next();
    }
}
