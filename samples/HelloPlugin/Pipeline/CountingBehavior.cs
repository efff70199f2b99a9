using MediatR;

namespace HelloPlugin.Pipeline;

/// <summary>
/// Counts the plugin's own requests. An open-generic behaviour wraps every request in the host, so it checks
/// once per request type whether the request is this plugin's and passes the others straight through. It runs
/// inside the kernel's behaviours: a request refused by authorization or validation never gets here.
/// </summary>
internal sealed class CountingBehavior<TRequest, TResponse>(RequestCounter counter) : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly bool IsOwnRequest = typeof(TRequest).Assembly == typeof(CountingBehavior<,>).Assembly;

    private static readonly string RequestName = typeof(TRequest).DeclaringType is { } outer
        ? $"{outer.Name}.{typeof(TRequest).Name}"
        : typeof(TRequest).Name;

    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (IsOwnRequest)
        {
            counter.Record(RequestName);
        }

        return next();
    }
}
