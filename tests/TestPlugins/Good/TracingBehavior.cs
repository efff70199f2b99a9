using MediatR;

namespace PluginBot.TestPlugins.Good;

/// <summary>An open-generic behaviour: notes every request type that passes through it in the scope's trace.</summary>
public sealed class TracingBehavior<TRequest, TResponse>(PipelineTrace trace) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        trace.Requests.Add(typeof(TRequest));
        return next();
    }
}

/// <summary>The request types <see cref="TracingBehavior{TRequest, TResponse}"/> saw in the current scope.</summary>
public sealed class PipelineTrace
{
    public List<Type> Requests { get; } = [];
}
