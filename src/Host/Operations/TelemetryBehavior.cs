using System.Diagnostics;
using MediatR;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Pipeline;

namespace PluginBot.Host.Operations;

/// <summary>
/// Outermost: counts and times every request by type and outcome (a stream by how it really ended), and wraps it in a
/// trace span when tracing is on.
/// </summary>
internal sealed class TelemetryBehavior<TRequest, TResponse>(KernelMetrics metrics) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var activity = Tracing.Pipeline.StartActivity(RequestTraits<TRequest>.Name);
        try
        {
            var response = await next();
            if (response is IStreamingResult stream)
            {
                stream.OnCompleted((outcome, _) =>
                {
                    End(outcome.ToString().ToLowerInvariant(), started, activity);
                    return ValueTask.CompletedTask;
                });
            }
            else
            {
                End("completed", started, activity);
            }

            return response;
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            End(Outcome(ex), started, activity);
            throw;
        }
    }

    internal static string Outcome(Exception exception) => exception switch
    {
        OperationCanceledException => "cancelled",
        ForbiddenException => "forbidden",
        RequestValidationException or Abstractions.Commands.CommandSyntaxException => "invalid",
        RateLimitedException => "rate_limited",
        NotFoundException => "not_found",
        ConflictException => "conflict",
        PluginBotException => "refused",
        _ => "failed",
    };

    private void End(string outcome, long started, Activity? activity)
    {
        metrics.RecordRequest(RequestTraits<TRequest>.Name, outcome, Stopwatch.GetElapsedTime(started));
        activity?.SetTag("pluginbot.outcome", outcome);
        activity?.Dispose();
    }
}
