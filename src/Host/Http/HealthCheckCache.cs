using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.Host.Http;

/// <summary>
/// The last result of each remote check, kept for a period (<c>Kernel:Health:CacheSeconds</c>): probes in between get
/// it, and probes that come while the check runs wait for that one run. A failure is kept as long as a success, so a
/// service that is down is not asked again by every probe either.
/// </summary>
internal sealed class HealthCheckCache(TimeProvider time, TimeSpan period)
{
    /// <summary>The longest one shared run may take: it no longer belongs to the caller that started it.</summary>
    private static readonly TimeSpan MaxRun = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);

    public Task<HealthCheckResult> GetAsync(string name, Func<CancellationToken, Task<HealthCheckResult>> check, HealthStatus failureStatus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (period <= TimeSpan.Zero)
        {
            return check(cancellationToken);
        }

        var slot = _slots.GetOrAdd(name, _ => new Slot());
        Task<HealthCheckResult> running;
        lock (slot)
        {
            if (slot.Result is { } kept && time.GetUtcNow() - slot.At < period)
            {
                return Task.FromResult(kept);
            }

            running = slot.Running ??= RunAsync(slot, check, failureStatus);
        }

        return running.WaitAsync(cancellationToken);
    }

    private async Task<HealthCheckResult> RunAsync(Slot slot, Func<CancellationToken, Task<HealthCheckResult>> check, HealthStatus failureStatus)
    {
        HealthCheckResult result;
        using var limit = new CancellationTokenSource(MaxRun, time);
        try
        {
            await Task.Yield(); // the caller's lock is released before the check starts
            result = await check(limit.Token);
        }
        catch (Exception ex)
        {
            // What HealthCheckService itself makes of a check that throws or times out.
            result = new HealthCheckResult(failureStatus, ex is OperationCanceledException ? $"did not answer within {MaxRun.TotalSeconds:0} s" : ex.Message, ex);
        }

        lock (slot)
        {
            (slot.Result, slot.At, slot.Running) = (result, time.GetUtcNow(), null);
        }

        return result;
    }

    private sealed class Slot
    {
        public HealthCheckResult? Result { get; set; }

        public DateTimeOffset At { get; set; }

        public Task<HealthCheckResult>? Running { get; set; }
    }
}

/// <summary>A remote check answered through <see cref="HealthCheckCache"/>.</summary>
internal sealed class CachedHealthCheck(string name, IHealthCheck inner, HealthCheckCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        cache.GetAsync(name, ct => inner.CheckHealthAsync(context, ct), context.Registration.FailureStatus, cancellationToken);
}
