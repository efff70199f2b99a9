using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PluginBot.TestKit;

/// <summary>Keeps a host's background loop from starting, so that only the test drives the service behind it.</summary>
public static class BackgroundLoops
{
    /// <summary>
    /// The hosted service <typeparamref name="TService"/> stays registered and resolvable (a test calls its methods)
    /// but the host never starts or stops it. The kernel registers hosted services through factories, so each
    /// factory's result is checked when the host asks for its hosted services.
    /// </summary>
    public static IServiceCollection WithoutBackgroundLoop<TService>(this IServiceCollection services)
        where TService : IHostedService
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService)
            {
                continue;
            }

            if (descriptor.ImplementationType == typeof(TService))
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService, NotStarted>();
            }
            else if (descriptor.ImplementationFactory is { } factory)
            {
                services[i] = new ServiceDescriptor(typeof(IHostedService), sp => factory(sp) is var service and not TService ? service : new NotStarted(), descriptor.Lifetime);
            }
        }

        return services;
    }

    private sealed class NotStarted : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
