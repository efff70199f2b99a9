using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Ollama;

/// <summary>Registers the model endpoint <c>ollama</c> for a local Ollama server, and its readiness check.</summary>
public sealed class OllamaPlugin : IPlugin, IHealthCheckContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = OllamaSettings.Read(context.Configuration, context.SectionPath);
        services.AddSingleton(settings);
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
