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

        await RunAllAsync(handlers, notification, actor, LogLevel.Error, cancellationToken);
    }

    /// <summary>
    /// For the outbox: publishes to the given handlers of the event only (isolated as for <see cref="PublishAsync"/>)
    /// and returns those that did not succeed, so they alone can be tried again. A handler that overran its time-out
    /// counts as failed. Failures are logged as warnings: the caller retries them. Throws when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    internal async Task<IReadOnlyList<HandlerFailure>> DeliverAsync(INotification notification, Actor? actor, IReadOnlyList<Type> handlers, CancellationToken cancellationToken)
    {
        var failures = await RunAllAsync(handlers, notification, actor, LogLevel.Warning, cancellationToken);
        return [.. failures.OfType<HandlerFailure>()];
    }

    private async Task<HandlerFailure?[]> RunAllAsync(IReadOnlyList<Type> handlers, INotification notification, Actor? actor, LogLevel failureLevel, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(settings.EventMaxConcurrency);
        return await Task.WhenAll(handlers.Select(handler => RunIsolatedAsync(handler, notification, actor, gate, failureLevel, cancellationToken)));
    }

    /// <summary>Runs one handler; returns null when it succeeded, otherwise why not.</summary>
    private async Task<HandlerFailure?> RunIsolatedAsync(Type handlerType, INotification notification, Actor? actor, SemaphoreSlim gate, LogLevel failureLevel, CancellationToken cancellationToken)
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
                _ = run.ContinueWith(t => t.Exception, TaskScheduler.Default); // observe a late failure
                cancellationToken.ThrowIfCancellationRequested(); // stopping, not a time-out
                statistics.TimedOut(handlerType);
                logger.Log(failureLevel, "Event handler {Handler} for {Event} did not finish within {Timeout}; no longer waiting for it", handlerType.Name, notification.GetType().Name, settings.EventHandlerTimeout);
                return new HandlerFailure(handlerType, $"did not finish within {settings.EventHandlerTimeout}");
            }

            stopDelay.Cancel(); // otherwise each handler leaves a timer pending for the whole time-out
            await run;
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            statistics.Failed(handlerType);
            logger.Log(failureLevel, ex, "Event handler {Handler} failed for {Event}", handlerType.Name, notification.GetType().Name);
            return new HandlerFailure(handlerType, $"{ex.GetType().Name}: {ex.Message}");
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
        scope.ServiceProvider.GetRequiredService<Identity.ActorAccessor>().Current = actor;
        var handler = ActivatorUtilities.CreateInstance(scope.ServiceProvider, handlerType);
        var handle = _handleByEvent.GetOrAdd(notification.GetType(), static type =>
            (Func<object, INotification, CancellationToken, Task>)CreateHandleMethod.MakeGenericMethod(type).Invoke(null, null)!);
        await handle(handler, notification, cancellationToken);
    }

    private static Func<object, INotification, CancellationToken, Task> CreateHandle<TEvent>()
        where TEvent : INotification =>
        static (handler, notification, cancellationToken) => ((INotificationHandler<TEvent>)handler).Handle((TEvent)notification, cancellationToken);
}

/// <summary>A handler that failed or timed out, and why (the exception's type and message, never its stack).</summary>
internal sealed record HandlerFailure(Type Handler, string Error);
