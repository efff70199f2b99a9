using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.LlmGateway;

[assembly: PluginManifest("llm-gateway", "LlmGateway",
    HostApi = "2.0",
    Dependencies = ["models"],
    Environment = ["LLM_GATEWAY_URL=Url", "LLM_GATEWAY_TOKEN=Token"],
    Description = "Model endpoints: any OpenAI-compatible gateway (LiteLLM, OpenAI, OpenRouter, vLLM) and Anthropic.")]

namespace PluginBot.Plugins.LlmGateway;

/// <summary>Registers one <see cref="ILlmEndpoint"/> per configured endpoint, and a readiness check for each.</summary>
public sealed class LlmGatewayPlugin : IPlugin, IHealthCheckContributor
{
    private readonly List<string> _endpointNames = [];

    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        // Validated now, so that bad settings leave the plugin NotConfigured; each endpoint is registered from them.
        var options = context.AddValidatedOptions(services, new EndpointOptionsValidator(context.SectionPath, context.SettingName));
        var endpoints = EndpointSettingsReader.From(options, context.SectionPath, context.SettingName);
        foreach (var settings in endpoints)
        {
            var key = ServiceKey(settings.Name);
            services.AddKeyedSingleton<ILlmEndpoint>(key, (provider, _) => Create(settings, provider.GetService<TimeProvider>() ?? TimeProvider.System));
            services.AddSingleton(provider => provider.GetRequiredKeyedService<ILlmEndpoint>(key));
            _endpointNames.Add(settings.Name);
            context.Logger.LogInformation("LLM endpoint {Endpoint} ({Kind}) at {Url}", settings.Name, settings.Kind, settings.DisplayUrl);
        }
    }

    public void AddHealthChecks(IHealthChecksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var name in _endpointNames)
        {
            builder.Add(new HealthCheckRegistration(
                name,
                provider => new EndpointHealthCheck(provider.GetRequiredKeyedService<ILlmEndpoint>(ServiceKey(name))),
                HealthStatus.Degraded,
                tags: ["llm", HealthCheckTags.Remote]));
        }
    }

    private static string ServiceKey(string endpointName) => $"llm-gateway:{endpointName}";

    private static ILlmEndpoint Create(EndpointSettings settings, TimeProvider clock) => settings.Kind switch
    {
        EndpointSettings.AnthropicKind => new AnthropicEndpoint(settings, clock),
        _ => new OpenAiEndpoint(settings, clock),
    };
}
