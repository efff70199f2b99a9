using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PluginBot.Host.Plugins;

/// <summary>
/// The builder a plugin adds its checks to: names are prefixed with the plugin id, checks are tagged for
/// readiness, and an unhealthy plugin makes the host Degraded rather than down (a plugin is optional).
/// </summary>
internal sealed class PluginHealthChecksBuilder(IServiceCollection services, string pluginId) : IHealthChecksBuilder
{
    public const string ReadyTag = "ready";

    public IServiceCollection Services => services;

    public IHealthChecksBuilder Add(HealthCheckRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var tags = registration.Tags.Append(ReadyTag).Append($"plugin:{pluginId}");
        var failureStatus = registration.FailureStatus == HealthStatus.Unhealthy ? HealthStatus.Degraded : registration.FailureStatus;
        var renamed = new HealthCheckRegistration($"{pluginId}:{registration.Name}", registration.Factory, failureStatus, tags, registration.Timeout);
        services.Configure<HealthCheckServiceOptions>(options => options.Registrations.Add(renamed));
        return this;
    }
}
