using System.Threading.RateLimiting;
using PluginBot.Host.Configuration;

namespace PluginBot.Host.Pipeline;

/// <summary>One token bucket per user: <c>Burst</c> requests at once, refilled to <c>PermitsPerMinute</c>.</summary>
internal sealed class UserRateLimiter(KernelSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<long> _limiter = PartitionedRateLimiter.Create<long, long>(userId =>
        RateLimitPartition.GetTokenBucketLimiter(userId, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.RateLimitBurst,
            TokensPerPeriod = Math.Max(1, settings.RateLimitPermitsPerMinute / 6),
            ReplenishmentPeriod = TimeSpan.FromSeconds(10),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Takes one permit; returns how long to wait when none is left.</summary>
    public TimeSpan? TryAcquire(long userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
    }

    public void Dispose() => _limiter.Dispose();
}
