using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Costs.Budgets;

/// <summary>
/// <c>Models:BudgetFallbacks:&lt;name&gt;</c> = a cheaper model (alias or <c>endpoint:model</c>) to use instead of
/// stopping when a call of <c>&lt;name&gt;</c> (an alias or a model id) would cross a budget.
/// </summary>
internal sealed class BudgetFallbacks(IConfiguration configuration)
{
    public ModelReference? For(ModelReference model)
    {
        var fallbacks = configuration.GetSection("Models:BudgetFallbacks");
        var aliases = configuration.GetSection("Models:Aliases").GetChildren().ToList();
        var names = aliases.Where(a => string.Equals(a.Value?.Trim(), model.ToString(), StringComparison.OrdinalIgnoreCase)).Select(a => a.Key).Prepend(model.Model);
        foreach (var name in names)
        {
            if (fallbacks[name] is { Length: > 0 } target)
            {
                var reference = aliases.Find(a => string.Equals(a.Key, target.Trim(), StringComparison.OrdinalIgnoreCase))?.Value ?? target;
                return ModelReference.TryParse(reference, out var cheaper) && cheaper != model ? cheaper : null;
            }
        }

        return null;
    }
}
