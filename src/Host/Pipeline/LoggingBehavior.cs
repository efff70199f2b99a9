using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Requests;

namespace PluginBot.Host.Pipeline;

/// <summary>Outermost: logs each request's name, actor, outcome and elapsed time — never its arguments.</summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(IActorAccessor actor, ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next();
            if (response is IStreamingResult stream)
            {
                stream.OnCompleted((outcome, error) =>
                {
                    Log(outcome.ToString(), error, started);
                    return ValueTask.CompletedTask;
                });
            }
            else
            {
                Log("Completed", null, started);
            }

            return response;
        }
        catch (Exception ex)
        {
            Log(ex is OperationCanceledException ? "Cancelled" : "Failed", ex, started);
            throw;
        }
    }

    private void Log(string outcome, Exception? error, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (error is null || error is OperationCanceledException || error is Abstractions.Errors.PluginBotException)
        {
            // Checked first: with Information off, LogInformation would still build its arguments and box the elapsed time on every request.
            if (!logger.IsEnabled(LogLevel.Information))
            {
                return;
            }

            logger.LogInformation("{Request} as {Actor}: {Outcome} in {ElapsedMs:0.0} ms{Reason}", RequestTraits<TRequest>.Name, actor.Current, outcome, elapsed, error is null ? "" : $" ({error.GetType().Name})");
        }
        else
        {
            logger.LogError(error, "{Request} as {Actor}: {Outcome} in {ElapsedMs:0.0} ms", RequestTraits<TRequest>.Name, actor.Current, outcome, elapsed);
        }
    }
}
