using MediatR;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.ThrowsOnRegister;

/// <summary>Registers one service, then throws: the host must keep none of it.</summary>
public sealed class ThrowsOnRegisterPlugin : IPlugin
{
    public const string Failure = "the widget registry could not be opened";

    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton<HalfRegistered>();
        throw new InvalidOperationException(Failure);
    }
}

/// <summary>Added before the failure; must not reach the host's container.</summary>
public sealed class HalfRegistered;

/// <summary>Its handler must not be registered either.</summary>
public static class Widget
{
    public sealed record Query : IRequest<string>;

    public sealed class Handler : IRequestHandler<Query, string>
    {
        public Task<string> Handle(Query request, CancellationToken cancellationToken) => Task.FromResult("widget");
    }
}
