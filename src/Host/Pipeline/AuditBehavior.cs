using System.Diagnostics;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// Innermost: requests marked <see cref="AuditedAttribute"/> append one <c>kernel_audit_log</c> row with the
/// actor, redacted arguments, outcome and duration. Written in its own scope, so a handler's rolled-back
/// transaction cannot take the audit row with it.
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(
    IActorAccessor actor,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<AuditBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!RequestTraits<TRequest>.Audited)
        {
            return await next();
        }

        var started = Stopwatch.GetTimestamp();
        var at = time.GetUtcNow().UtcDateTime;
        try
        {
            var response = await next();
            if (response is IStreamingResult stream)
            {
                stream.OnCompleted((outcome, error) => new ValueTask(WriteAsync(request, at, started, outcome.ToString(), error)));
            }
            else
            {
                await WriteAsync(request, at, started, "Completed", null);
            }

            return response;
        }
        catch (Exception ex)
        {
            await WriteAsync(request, at, started, ex is OperationCanceledException ? "Cancelled" : "Failed", ex);
            throw;
        }
    }

    private async Task WriteAsync(TRequest request, DateTime at, long started, string outcome, Exception? error)
    {
        var current = actor.Current ?? Actor.System("unknown");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            db.AuditLog.Add(new AuditRow
            {
                AtUtc = at,
                ActorId = current.Id,
                ActorKind = current.Kind.ToString(),
                Transport = current.Transport,
                Action = RequestTraits<TRequest>.Name,
                ArgumentsJson = RedactingJson.Serialize(request),
                Outcome = outcome,
                Error = error is null ? null : $"{error.GetType().Name}: {error.Message}",
                DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // An audit failure is loud in the log but does not undo what the request already did.
            logger.LogError(ex, "Could not write the audit row for {Request}", RequestTraits<TRequest>.Name);
        }
    }
}
