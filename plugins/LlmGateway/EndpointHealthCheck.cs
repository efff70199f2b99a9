using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.LlmGateway;

/// <summary>Reports one endpoint's readiness; an endpoint that does not answer makes the host Degraded.</summary>
internal sealed class EndpointHealthCheck(ILlmEndpoint endpoint) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var readiness = await endpoint.CheckReadyAsync(cancellationToken).ConfigureAwait(false);
        return readiness.Ready ? HealthCheckResult.Healthy(readiness.Detail) : HealthCheckResult.Degraded(readiness.Detail);
    }
}
