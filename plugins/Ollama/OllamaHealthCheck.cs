using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.Plugins.Ollama;

/// <summary>Readiness of the Ollama server: Degraded, never Unhealthy, when it does not answer — the bot runs on without it.</summary>
internal sealed class OllamaHealthCheck(OllamaEndpoint endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var readiness = await endpoint.CheckReadyAsync(cancellationToken).ConfigureAwait(false);
        return readiness.Ready ? HealthCheckResult.Healthy(readiness.Detail) : HealthCheckResult.Degraded(readiness.Detail);
    }
}
