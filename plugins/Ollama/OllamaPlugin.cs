using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Ollama;

/// <summary>Registers the model endpoint <c>ollama</c> for a local Ollama server, and its readiness check.</summary>
public sealed class OllamaPlugin : IPlugin, IHealthCheckContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Validated now, so that bad settings leave the plugin NotConfigured; the endpoint takes the values current at start.
        var settings = OllamaSettings.From(context.AddValidatedOptions(services, new OllamaOptionsValidator(context.SettingName)));
        services.AddSingleton(provider => OllamaSettings.From(provider.GetRequiredService<IOptionsMonitor<OllamaOptions>>().CurrentValue));
        services.AddSingleton<OllamaEndpoint>();
        services.AddSingleton<ILlmEndpoint>(provider => provider.GetRequiredService<OllamaEndpoint>());
        context.Logger.LogInformation(
            "Ollama endpoint '{Endpoint}' at {Url}, default model {Model}, keep_alive {KeepAlive}, time-out {Timeout}",
            OllamaEndpoint.EndpointName,
            settings.DisplayUrl,
            settings.DefaultModel ?? "(none)",
            settings.KeepAlive ?? "(Ollama's default)",
            settings.Timeout);
    }

    public void AddHealthChecks(IHealthChecksBuilder builder) =>
        builder.AddCheck<OllamaHealthCheck>("server", tags: [HealthCheckTags.Remote]);
}
