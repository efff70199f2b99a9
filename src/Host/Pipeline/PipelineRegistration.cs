using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// The kernel's middleware chain, in nesting order (first = outermost). Audit sits outside authorization, the rate
/// limit and validation so that their refusals are recorded too. Plugin behaviours are registered after these and so
/// run inside them, next to the handler.
/// </summary>
internal static class PipelineRegistration
{
    public static void AddKernelPipeline(this IServiceCollection services)
    {
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(Operations.TelemetryBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuditBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(AuthorizationBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(RateLimitBehavior<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
    }
}
