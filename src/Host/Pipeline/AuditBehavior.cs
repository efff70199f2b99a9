using System.Diagnostics;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// Second from the outside, so refusals are recorded too: a request marked <see cref="AuditedAttribute"/> gets its
/// <c>kernel_audit_log</c> row written <em>before</em> anything else runs (outcome <c>Started</c>), and the row is
/// completed with the outcome (<c>Completed</c>, <c>Forbidden</c>, <c>RateLimited</c>, <c>Invalid</c>, <c>Failed</c>,
/// <c>Cancelled</c>, or how a stream ended), the actor as authorization resolved it, and the duration. A request whose
/// row cannot be written is refused, so nothing audited ever happens unrecorded. A request that is not audited gets a
/// row only when it is refused (<c>Forbidden</c>, <c>RateLimited</c>), at most once a minute per person and action
/// (<see cref="RefusalThrottle"/>). Rows are written in their own scope: a handler's rolled-back transaction cannot
/// take them with it.
/// </summary>
internal sealed class AuditBehavior<TRequest, TResponse>(
    IActorAccessor actor,
    IServiceScopeFactory scopes,
    TimeProvider time,
    RefusalThrottle refusals,
    ILogger<AuditBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (!RequestTraits<TRequest>.Audited)
        {
            try
            {
                return await next();
            }
            catch (Exception ex) when (ex is ForbiddenException or RateLimitedException)
            {
                await RecordRefusalAsync(request, ex);
                throw;
            }
        }

        var started = Stopwatch.GetTimestamp();
        var id = await BeginAsync(request, cancellationToken);
        try
        {
            var response = await next();
            if (response is IStreamingResult stream)
            {
                stream.OnCompleted((outcome, error) => new ValueTask(EndAsync(id, started, outcome.ToString(), error)));
            }
            else
            {
                await EndAsync(id, started, "Completed", null);
            }

            return response;
        }
        catch (Exception ex)
        {
            await EndAsync(id, started, OutcomeOf(ex), ex);
            throw;
        }
    }

    private static string OutcomeOf(Exception error) => error switch
    {
        ForbiddenException => "Forbidden",
        RateLimitedException => "RateLimited",
        RequestValidationException => "Invalid",
        OperationCanceledException => "Cancelled",
        _ => "Failed",
    };

    private async Task<long> BeginAsync(TRequest request, CancellationToken cancellationToken)
    {
        var current = actor.Current ?? Actor.System("unknown");
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            var row = new AuditRow
            {
                AtUtc = time.GetUtcNow().UtcDateTime,
                ActorId = current.Id,
                ActorKind = current.Kind.ToString(),
                Transport = current.Transport,
                Action = RequestTraits<TRequest>.Name,
                ArgumentsJson = AuditArguments.Cap(RedactingJson.Serialize(request)),
                Outcome = "Started",
            };
            db.AuditLog.Add(row);
            await db.SaveChangesAsync(cancellationToken);
            return row.Id;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            logger.LogError(ex, "{Request} as {Actor} was refused: its audit row could not be written", RequestTraits<TRequest>.Name, current);
            throw new AuditUnavailableException(ex);
        }
    }

    /// <summary>Best effort: the request is refused either way, and a failure to record that is only logged.</summary>
    private async Task RecordRefusalAsync(TRequest request, Exception refusal)
    {
        var current = actor.Current ?? Actor.System("unknown");
        var outcome = OutcomeOf(refusal);
        if (!refusals.ShouldRecord(current.Id, RequestTraits<TRequest>.Name, outcome))
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            db.AuditLog.Add(new AuditRow
            {
                AtUtc = time.GetUtcNow().UtcDateTime,
                ActorId = current.Id,
                ActorKind = current.Kind.ToString(),
                Transport = current.Transport,
                Action = RequestTraits<TRequest>.Name,
                ArgumentsJson = AuditArguments.Cap(RedactingJson.Serialize(request)),
                Outcome = outcome,
                Error = $"{refusal.GetType().Name}: {refusal.Message}",
                DurationMs = 0,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogError(ex, "Could not record that {Request} as {Actor} was refused ({Outcome})", RequestTraits<TRequest>.Name, current, outcome);
        }
    }

    private async Task EndAsync(long id, long started, string outcome, Exception? error)
    {
        var current = actor.Current ?? Actor.System("unknown");
        var message = error is null ? null : $"{error.GetType().Name}: {error.Message}";
        var duration = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            await db.AuditLog.Where(a => a.Id == id).ExecuteUpdateAsync(
                s => s.SetProperty(a => a.Outcome, outcome)
                    .SetProperty(a => a.Error, message)
                    .SetProperty(a => a.DurationMs, duration)
                    .SetProperty(a => a.ActorId, current.Id)
                    .SetProperty(a => a.ActorKind, current.Kind.ToString()),
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The row exists and says Started: the action is on record, only its outcome is missing.
            logger.LogError(ex, "Could not write the outcome ({Outcome}) of audit row {AuditId} for {Request}", outcome, id, RequestTraits<TRequest>.Name);
        }
    }
}

/// <summary>An audited request was refused because its audit row could not be written.</summary>
internal sealed class AuditUnavailableException(Exception inner)
    : PluginBotException("This was not done: it could not be written to the audit log. Try again; if it keeps failing, an admin should check the log and the disk.", inner);
