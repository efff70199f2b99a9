using System.Diagnostics;

namespace PluginBot.Host.Operations;

/// <summary>The kernel's activity sources; spans are exported only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
internal static class Tracing
{
    public const string SourcePrefix = "PluginBot.";

    public static readonly ActivitySource Pipeline = new(SourcePrefix + "Pipeline");
}
