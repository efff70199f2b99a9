using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace PluginBot.Host.Mediator;

/// <summary>
/// Which handler classes handle which event type, read once from the service collection, so the publisher can
/// resolve each handler on its own in its own scope.
/// </summary>
internal sealed class NotificationHandlerCatalog
{
    private readonly Dictionary<Type, Type[]> _handlers;
    private readonly Dictionary<string, Type> _eventTypes;

    public NotificationHandlerCatalog(IServiceCollection services)
    {
        _handlers = services
            .Where(d => d.ServiceType.IsGenericType
                && d.ServiceType.GetGenericTypeDefinition() == typeof(INotificationHandler<>)
                && !d.ServiceType.ContainsGenericParameters
                && d.ImplementationType is not null)
            .GroupBy(d => d.ServiceType.GetGenericArguments()[0])
            .ToDictionary(g => g.Key, g => g.Select(d => d.ImplementationType!).Distinct().ToArray());
        _eventTypes = _handlers.Keys
            .GroupBy(t => t.FullName!)
            .ToDictionary(g => g.Key, g => g.Last());
    }

    public IReadOnlyList<Type> HandlersFor(Type eventType) => _handlers.TryGetValue(eventType, out var types) ? types : [];

    /// <summary>An event type that has handlers, by full name (outbox entries are stored by name).</summary>
    public Type? FindEventType(string fullName) => _eventTypes.GetValueOrDefault(fullName);
}
