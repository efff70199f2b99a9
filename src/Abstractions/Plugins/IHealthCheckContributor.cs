using Microsoft.Extensions.DependencyInjection;

namespace PluginBot.Abstractions.Plugins;

/// <summary>
/// Optional: implemented by an <see cref="IPlugin"/> that reports readiness. Checks are named after the
/// plugin and appear in <c>/health/ready</c>; a failing plugin check makes the host Degraded, not down.
/// </summary>
public interface IHealthCheckContributor
{
    /// <summary>Adds the plugin's checks.</summary>
    void AddHealthChecks(IHealthChecksBuilder builder);
}
