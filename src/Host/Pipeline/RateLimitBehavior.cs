using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;

namespace PluginBot.Host.Pipeline;

/// <summary>Per-user rate limit; the system actor and requests marked NotRateLimited are exempt.</summary>
internal sealed class RateLimitBehavior<TRequest, TResponse>(IActorAccessor actor, UserRateLimiter limiter)
    : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (RequestTraits<TRequest>.RateLimited
            && actor.Current is { Kind: not ActorKind.System } current
            && limiter.TryAcquire(current.Id) is { } retryAfter)
        {
            throw new RateLimitedException(retryAfter);
        }

        return next();
    }
}
