using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace PluginBot.Benchmarks;

/// <summary>A direct interface call to a request's handler, for a request type only known at run time.</summary>
internal static class HandlerCall
{
    public static Func<CancellationToken, Task<int>> Bind(IServiceProvider services, Type requestType, IRequest<int> request) =>
        (Func<CancellationToken, Task<int>>)typeof(HandlerCall).GetMethod(nameof(BindTyped), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(requestType)
            .Invoke(null, [services, request])!;

    private static Func<CancellationToken, Task<int>> BindTyped<TRequest>(IServiceProvider services, IRequest<int> request)
        where TRequest : IRequest<int>
    {
        var handler = services.GetRequiredService<IRequestHandler<TRequest, int>>();
        var typed = (TRequest)request;
        return cancellationToken => handler.Handle(typed, cancellationToken);
    }
}
