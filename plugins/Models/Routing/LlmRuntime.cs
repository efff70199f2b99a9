using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Plugins.Models.Usage;
using Polly;

namespace PluginBot.Plugins.Models.Routing;

/// <summary>What every routed call needs, shared by all of them.</summary>
internal sealed record LlmRuntime(
    ModelsSettings Settings,
    IServiceScopeFactory Scopes,
    UsagePublisher Publisher,
    EndpointConcurrency Concurrency,
    TimeProvider Time,
    ILogger Logger)
{
    /// <summary>The retry pipeline every routed call shares (see <see cref="RetryPipeline.Build"/>).</summary>
    public ResiliencePipeline Retry { get; } = RetryPipeline.Build(Settings, Time);
}
