using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PluginBot.Plugins.Costs.Pricing;

internal static class PricingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PriceCatalog"/> (singleton) and <see cref="PriceFileWatcher"/>.
    /// </summary>
    /// <param name="services">The plugin's services.</param>
    /// <param name="configuration">The plugin's section, <c>Plugins:Costs</c> (<c>PluginContext.Configuration</c>).</param>
    public static IServiceCollection AddPricing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => ActivatorUtilities.CreateInstance<PriceCatalog>(provider, configuration));
        services.AddHostedService<PriceFileWatcher>();
        return services;
    }
}
