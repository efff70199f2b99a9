using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Replies;

namespace PluginBot.TestPlugins.ThrowsOnMapEndpoints;

/// <summary>Registers fine and throws in <see cref="MapEndpoints"/> after mapping one route.</summary>
public sealed class ThrowsOnMapEndpointsPlugin : IPlugin, IEndpointContributor
{
    public const string Failure = "the route table is full";

    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddCommand(new CommandDescriptor("mapbroken", "Answers when the plugin runs", "", [], (_, _) => new Probe()));
        var startedFile = Path.Combine(context.DataDirectory, "started");
        services.AddHostedService(_ => new StartedMarker(startedFile));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/throws-on-map/ping", () => Results.Ok("pong"));
        throw new InvalidOperationException(Failure);
    }
}

public sealed record Probe : IRequest<Reply>;

public sealed class ProbeHandler : IRequestHandler<Probe, Reply>
{
    public Task<Reply> Handle(Probe request, CancellationToken cancellationToken) => Task.FromResult(Reply.Plain("running"));
}

/// <summary>Writes a file when started, so a test can tell it never ran.</summary>
public sealed class StartedMarker(string file) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => File.WriteAllTextAsync(file, "started", cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
