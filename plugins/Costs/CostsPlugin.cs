using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Costs.Api;
using PluginBot.Plugins.Costs.Budgets;
using PluginBot.Plugins.Costs.Estimates;
using PluginBot.Plugins.Costs.Features;
using PluginBot.Plugins.Costs.Ledger;
using PluginBot.Plugins.Costs.Notices;
using PluginBot.Plugins.Costs.Operations;
using PluginBot.Plugins.Costs.Pricing;
using PluginBot.Plugins.Costs.Reports;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs;

/// <summary>Spend: prices, the ledger of every model call, budgets enforced before each call, reports.</summary>
public sealed class CostsPlugin : IPlugin, IEndpointContributor, IHealthCheckContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindOptions<CostsOptions>(services);
        foreach (var problem in PriceOverridesReader.Read(context.Configuration, context.SectionPath).Problems)
        {
            // A bad price entry is left out, not fatal: the other prices still apply.
            context.Logger.LogWarning("{Problem}", problem);
        }

        services.AddPluginDbContext<CostsDbContext>(context);
        services.AddPricing(context.Configuration);
        services.AddEstimates();
        services.AddSingleton<CallPricing>();

        services.AddScoped<SpendLedger>();
        services.AddHostedService<CostsMetrics>();
        services.AddScoped<SpendReports>();
        services.AddScoped<BudgetBook>();
        services.AddScoped<TimeZones>();
        services.AddScoped<CostNotices>();
        services.AddSingleton<BudgetFallbacks>();
        services.AddSingleton<ReservationLock>();
        // Registered after the host's allow-all gate, so the router resolves this one.
        services.AddScoped<IBudgetGate, CostsBudgetGate>();
        services.AddHostedService<InterruptedCalls>();

        services.AddCommand(ShowCosts.Descriptor);
        services.AddReplyRenderer<CostReport, ShowCosts.Renderer>();
        services.AddCommand(Budget.Descriptor);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => CostsEndpoints.Map(endpoints);

    public void AddHealthChecks(IHealthChecksBuilder builder) => builder.AddCheck<PriceCatalogHealthCheck>("prices");
}
