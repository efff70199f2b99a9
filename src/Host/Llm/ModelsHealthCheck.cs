using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.Host.Llm;

/// <summary>Readiness: the router's names resolve and at least one provider endpoint is active.</summary>
internal sealed class ModelsHealthCheck(LlmEndpoints endpoints) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (endpoints.All.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No model endpoint is active: configure LLM_GATEWAY_URL or OLLAMA_URL."));
        }

        var problems = endpoints.Names.Problems();
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy($"Endpoints: {string.Join(", ", endpoints.All.Select(e => e.Name))}")
            : HealthCheckResult.Degraded(string.Join(" ", problems)));
    }
}
