using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Http;

namespace PluginBot.Host.Plugins;

/// <summary>
/// The builder a plugin adds its checks to: names are prefixed with the plugin id, checks are tagged for
/// readiness, and an unhealthy plugin makes the host Degraded rather than down (a plugin is optional). A check tagged
/// <see cref="HealthCheckTags.Remote"/> is answered through <see cref="HealthCheckCache"/>, so probes do not reach
/// the service it asks more than once per period.
/// </summary>
internal sealed class PluginHealthChecksBuilder(IServiceCollection services, string pluginId) : IHealthChecksBuilder
{
    public const string ReadyTag = "ready";

    public IServiceCollection Services => services;

    public IHealthChecksBuilder Add(HealthCheckRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var name = $"{pluginId}:{registration.Name}";
        var tags = registration.Tags.Append(ReadyTag).Append($"plugin:{pluginId}");
        var failureStatus = registration.FailureStatus == HealthStatus.Unhealthy ? HealthStatus.Degraded : registration.FailureStatus;
        var factory = registration.Tags.Contains(HealthCheckTags.Remote)
            ? provider => new CachedHealthCheck(name, registration.Factory(provider), provider.GetRequiredService<HealthCheckCache>())
            : registration.Factory;
        var renamed = new HealthCheckRegistration(name, factory, failureStatus, tags, registration.Timeout);
        services.Configure<HealthCheckServiceOptions>(options => options.Registrations.Add(renamed));
        return this;
    }
}
