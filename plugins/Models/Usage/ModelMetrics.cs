using System.Diagnostics.Metrics;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Plugins.Models.Usage;

/// <summary>The router's instruments (meter <c>PluginBot.Models</c>): model call attempts, their duration and tokens.</summary>
internal sealed class ModelMetrics
{
    public const string MeterName = MetricNames.MeterPrefix + "Models";

    public ModelMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        ModelCalls = meter.CreateCounter<long>(MetricNames.ModelCalls, "{call}", "Model call attempts, by endpoint, model and outcome.");
        ModelCallDuration = meter.CreateHistogram<double>(MetricNames.ModelCallDuration, "s", "Model call attempts from request to the end of the answer.");
        ModelTokens = meter.CreateCounter<long>(MetricNames.ModelTokens, "{token}", "Tokens used, by endpoint, model and kind.");
    }

    public Counter<long> ModelCalls { get; }

    public Histogram<double> ModelCallDuration { get; }

    public Counter<long> ModelTokens { get; }
}
