using MediatR;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Host.Mediator;

/// <summary>
/// The <see cref="IMediator"/> plugins receive: requests go through MediatR's pipeline; events go through the
/// isolated publisher instead of MediatR's sequential one, running as the publishing scope's actor.
/// </summary>
internal sealed class KernelMediator(ServiceFactory serviceFactory, IsolatedEventPublisher publisher, IActorAccessor actor) : IMediator
{
    private readonly MediatR.Mediator _inner = new(serviceFactory);

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
        _inner.Send(request, cancellationToken);

    public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        ArgumentNullException.ThrowIfNull(notification);
        return publisher.PublishAsync(notification, actor.Current, cancellationToken);
    }
}
