using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.Good;

/// <summary>A well-behaved plugin using every extension point: handlers, validator, behaviour, event, endpoints, health.</summary>
public sealed class GoodPlugin : IPlugin, IEndpointContributor, IHealthCheckContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton<PingLog>();
        services.AddScoped<PipelineTrace>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/good/ping", async (string text, IMediator mediator, CancellationToken cancellationToken) =>
            Results.Ok(new { reply = await mediator.Send(new Ping.Query(text), cancellationToken) }));
        endpoints.MapGet("/api/good/pings", async (IMediator mediator, CancellationToken cancellationToken) =>
            Results.Ok(new { pings = await mediator.Send(new PingHistory.Query(), cancellationToken) }));
    }

    public void AddHealthChecks(IHealthChecksBuilder builder) => builder.AddCheck<PingLogHealthCheck>("pings");
}
