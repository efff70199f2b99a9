using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.Plugins.Costs.Pricing;

/// <summary>Degraded, never Unhealthy, while prices have a problem: calls go on, priced as before.</summary>
internal sealed class PriceCatalogHealthCheck(PriceCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = catalog.Status;
        var file = status.PriceFile is null ? "" : $", {status.PriceFileModels} from {status.PriceFile}";
        var summary = $"{status.DefaultModels} built-in prices (dated {status.DefaultsUpdated ?? "?"}){file}, {status.ConfiguredPrices} configured";
        return Task.FromResult(status.Problems.Count == 0
            ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Degraded($"{string.Join("; ", status.Problems)} ({summary})"));
    }
}
