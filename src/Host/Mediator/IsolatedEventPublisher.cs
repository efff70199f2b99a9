using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Configuration;

namespace PluginBot.Host.Mediator;

/// <summary>
/// Publishes an event to each handler in its own DI scope, isolated: a handler that throws is logged and
/// counted, one that overruns its time-out is no longer awaited (and its token is cancelled), and the others
/// run regardless. Up to <c>Kernel:EventBus:MaxConcurrency</c> handlers of one event run at once.
/// </summary>
internal sealed class IsolatedEventPublisher(
    IServiceScopeFactory scopes,
    NotificationHandlerCatalog catalog,
    EventBusStatistics statistics,
    KernelSettings settings,
    ILogger<IsolatedEventPublisher> logger)
{
    public async Task PublishAsync(INotification notification, Actor? actor, CancellationToken cancellationToken)
    {
        var handlers = catalog.HandlersFor(notification.GetType());
        if (handlers.Count == 0)
        {
            return;
        }

        using var gate = new SemaphoreSlim(settings.EventMaxConcurrency);
        await Task.WhenAll(handlers.Select(handler => RunIsolatedAsync(handler, notification, actor, gate, cancellationToken)));
    }

    private async Task RunIsolatedAsync(Type handlerType, INotification notification, Actor? actor, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = InvokeAsync(handlerType, notification, actor, timeout.Token);
            var finished = await Task.WhenAny(run, Task.Delay(settings.EventHandlerTimeout, cancellationToken));
            if (finished != run)
            {
                await timeout.CancelAsync();
                statistics.TimedOut(handlerType);
                logger.LogWarning("Event handler {Handler} for {Event} did not finish within {Timeout}; no longer waiting for it", handlerType.Name, notification.GetType().Name, settings.EventHandlerTimeout);
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe a late failure
                return;
            }

            await run;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            statistics.Failed(handlerType);
            logger.LogError(ex, "Event handler {Handler} failed for {Event}", handlerType.Name, notification.GetType().Name);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task InvokeAsync(Type handlerType, INotification notification, Actor? actor, CancellationToken cancellationToken)
    {
        await Task.Yield(); // a handler that blocks synchronously must not block the publisher
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IActorAccessor>().Current = actor;
        var handler = ActivatorUtilities.CreateInstance(scope.ServiceProvider, handlerType);
        var method = typeof(INotificationHandler<>).MakeGenericType(notification.GetType()).GetMethod(nameof(INotificationHandler<INotification>.Handle))!;
        await (Task)method.Invoke(handler, [notification, cancellationToken])!;
    }
}
