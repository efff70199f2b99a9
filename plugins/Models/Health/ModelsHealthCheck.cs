using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Plugins.Models.Resolution;

namespace PluginBot.Plugins.Models.Health;

/// <summary>
/// Readiness and <c>config check</c>: at least one provider endpoint is active and every alias, fallback and
/// LLM_PROVIDER resolves. Reads settings only, so it runs at every probe.
/// </summary>
internal sealed class ModelsHealthCheck(LlmEndpoints endpoints) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (endpoints.All.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("No model endpoint is active: configure LLM_GATEWAY_URL or OLLAMA_URL."));
        }

        var problems = endpoints.Names.Problems();
        var summary = $"Endpoints: {string.Join(", ", endpoints.All.Select(e => e.Name))}; default {endpoints.ProviderDefault() ?? "none (set LLM_MODEL or LLM_PROVIDER)"}";
        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy(summary)
            : HealthCheckResult.Degraded($"{string.Join(" ", problems)} ({summary})"));
    }
}
