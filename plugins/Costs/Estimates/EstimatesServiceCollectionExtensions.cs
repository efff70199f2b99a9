using Microsoft.Extensions.DependencyInjection;

namespace PluginBot.Plugins.Costs.Estimates;

internal static class EstimatesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="CostEstimator"/> (singleton); needs <c>AddPricing</c>.</summary>
    public static IServiceCollection AddEstimates(this IServiceCollection services)
    {
        services.AddSingleton<CostEstimator>();
        return services;
    }
}
