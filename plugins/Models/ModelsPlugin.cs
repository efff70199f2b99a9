using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Models.Health;
using PluginBot.Plugins.Models.Resolution;
using PluginBot.Plugins.Models.Routing;
using PluginBot.Plugins.Models.Usage;

namespace PluginBot.Plugins.Models;

/// <summary>
/// The model router: <see cref="IModelRouter"/> over every <see cref="ILlmEndpoint"/> the provider plugins register,
/// with the one retry-and-fallback layer, the budget gate around every attempt and one usage event per attempt.
/// </summary>
public sealed class ModelsPlugin : IPlugin, IHealthCheckContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var section = context.Configuration;
        var sectionPath = context.SectionPath;
        services.AddSingleton(provider =>
        {
            // The old keys (Models:*) sit outside the plugin's section: read them from the whole configuration.
            var legacy = provider.GetRequiredService<IConfiguration>().GetSection(ModelsSettings.LegacySection);
            if (ModelsSettings.LegacyKeys(legacy) is { Count: > 0 } old)
            {
                // The container's logging, not context.Logger: that one belongs to plugin loading and is gone by now.
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot.Models").LogInformation("Read for compatibility: {Keys}; they can move under {Section} (which wins when both are set)", string.Join(", ", old), sectionPath);
            }

            return ModelsSettings.Load(section, legacy);
        });
        services.AddSingleton<EndpointConcurrency>();
        services.AddSingleton<LlmEndpoints>();
        services.AddSingleton<UsagePublisher>();
        services.AddSingleton<ModelMetrics>();
        services.AddSingleton(provider => new LlmRuntime(
            provider.GetRequiredService<ModelsSettings>(),
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<UsagePublisher>(),
            provider.GetRequiredService<EndpointConcurrency>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("PluginBot.Models")));
        services.AddScoped<IModelRouter, ModelRouter>();
    }

    public void AddHealthChecks(IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(new HealthCheckRegistration("router", provider => new ModelsHealthCheck(provider.GetRequiredService<LlmEndpoints>()), HealthStatus.Degraded, tags: [HealthCheckTags.Configuration]));
    }
}
