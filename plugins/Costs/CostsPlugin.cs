using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Costs;

/// <summary>Spend: prices, the ledger of every model call, budgets enforced before each call, reports.</summary>
public sealed class CostsPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
    }
}
