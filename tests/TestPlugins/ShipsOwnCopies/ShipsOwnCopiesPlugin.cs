using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.ShipsOwnCopies;

/// <summary>Ships copies of the contract assemblies; works only if the host's copies are the ones used.</summary>
public sealed class ShipsOwnCopiesPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }
}

/// <summary>Echoes its text, through the host's mediator.</summary>
public static class Echo
{
    public sealed record Query(string Text) : IRequest<string>;

    public sealed class Handler : IRequestHandler<Query, string>
    {
        public Task<string> Handle(Query request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            return Task.FromResult($"echo {request.Text}");
        }
    }
}
