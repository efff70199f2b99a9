namespace PluginBot.Plugins.Costs.Charts;

/// <summary>A labelled tick: a day's index on the X axis, dollars on the Y axis.</summary>
internal readonly record struct AxisTick(double Position, string Label);
