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

namespace PluginBot.TestPlugins.FailsAtStart;

/// <summary>Registers fine; its first hosted service throws when the host starts it.</summary>
public sealed class FailsAtStartPlugin : IPlugin, IEndpointContributor
{
    public const string Failure = "port 9 is taken";

    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddCommand(new CommandDescriptor("startbroken", "Answers when the plugin runs", "", [], (_, _) => new Probe()));
        services.AddHostedService<ThrowingListener>();
        var startedFile = Path.Combine(context.DataDirectory, "started");
        services.AddHostedService(_ => new StartedMarker(startedFile));
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/fails-at-start/ping", () => Results.Ok("pong"));
}

public sealed class ThrowingListener : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => throw new InvalidOperationException(FailsAtStartPlugin.Failure);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
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
