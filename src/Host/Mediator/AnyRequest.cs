using System.Collections.Concurrent;
using System.Reflection;
using MediatR;

namespace PluginBot.Host.Mediator;

/// <summary>Sends a request whose response type is known only at run time (a command's, a button's) and boxes the response.</summary>
internal static class AnyRequest
{
    private static readonly ConcurrentDictionary<Type, Func<IMediator, IBaseRequest, CancellationToken, Task<object?>>> SendByType = new();
    private static readonly MethodInfo SendTypedMethod = typeof(AnyRequest).GetMethod(nameof(SendTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static Task<object?> SendAsync(IMediator mediator, IBaseRequest request, CancellationToken cancellationToken) =>
        SendByType.GetOrAdd(request.GetType(), static type =>
            (Func<IMediator, IBaseRequest, CancellationToken, Task<object?>>)SendTypedMethod.MakeGenericMethod(ResponseType(type)).Invoke(null, null)!)
            (mediator, request, cancellationToken);

    /// <summary>The <c>TResponse</c> of the request's <see cref="IRequest{TResponse}"/>.</summary>
    public static Type ResponseType(Type requestType) =>
        requestType.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>))?.GetGenericArguments()[0]
        ?? throw new InvalidOperationException($"{requestType.Name} is not an IRequest<TResponse>; a command or button request must answer something.");

    private static Func<IMediator, IBaseRequest, CancellationToken, Task<object?>> SendTyped<TResponse>() =>
        static async (mediator, request, cancellationToken) => await mediator.Send((IRequest<TResponse>)request, cancellationToken);
}
