using System.Collections.Concurrent;
using System.Reflection;
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
    private static readonly MethodInfo CreateHandleMethod = typeof(IsolatedEventPublisher).GetMethod(nameof(CreateHandle), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>A typed call to <c>INotificationHandler&lt;TEvent&gt;.Handle</c> per event type, built once instead of by reflection per handler.</summary>
    private readonly ConcurrentDictionary<Type, Func<object, INotification, CancellationToken, Task>> _handleByEvent = new();

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
            using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var run = InvokeAsync(handlerType, notification, actor, timeout.Token);
            var finished = await Task.WhenAny(run, Task.Delay(settings.EventHandlerTimeout, stopDelay.Token));
            if (finished != run)
            {
                await timeout.CancelAsync();
                statistics.TimedOut(handlerType);
                logger.LogWarning("Event handler {Handler} for {Event} did not finish within {Timeout}; no longer waiting for it", handlerType.Name, notification.GetType().Name, settings.EventHandlerTimeout);
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe a late failure
                return;
            }

            stopDelay.Cancel(); // otherwise each handler leaves a timer pending for the whole time-out
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
        var handle = _handleByEvent.GetOrAdd(notification.GetType(), static type =>
            (Func<object, INotification, CancellationToken, Task>)CreateHandleMethod.MakeGenericMethod(type).Invoke(null, null)!);
        await handle(handler, notification, cancellationToken);
    }

    private static Func<object, INotification, CancellationToken, Task> CreateHandle<TEvent>()
        where TEvent : INotification =>
        static (handler, notification, cancellationToken) => ((INotificationHandler<TEvent>)handler).Handle((TEvent)notification, cancellationToken);
}
