using PluginBot.Abstractions.Costs;

namespace PluginBot.Plugins.Costs.Charts;

/// <summary>What one group (a model, user, project or provider) spent on one day.</summary>
internal readonly record struct SpendPoint(DateOnly Day, string Group, Usd Cost);
