using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.DependsOnGood;

/// <summary>Active only when the plugin it depends on, <c>good</c>, is active.</summary>
public sealed class DependsOnGoodPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
    }
}

/// <summary>Says which plugin this one builds on.</summary>
public static class Dependency
{
    public sealed record Query : IRequest<string>;

    public sealed class Handler : IRequestHandler<Query, string>
    {
        public Task<string> Handle(Query request, CancellationToken cancellationToken) => Task.FromResult("builds on good");
    }
}
