using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.TestPlugins.Good;

/// <summary>Reports how many pings the plugin has recorded.</summary>
public sealed class PingLogHealthCheck(PingLog log) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy($"{log.Texts.Count()} pings recorded"));
}
