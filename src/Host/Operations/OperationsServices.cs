using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PluginBot.Abstractions.Operations;

namespace PluginBot.Host.Operations;

/// <summary>Running as a service: systemd notifications and watchdog, loop liveness, metrics, traces, the log file.</summary>
internal static partial class OperationsServices
{
    public const string MetricsPath = "/metrics";

    public static void Add(WebApplicationBuilder builder, OperationsSettings settings, WatchdogSettings watchdog)
    {
        var services = builder.Services;
        services.AddSingleton(settings);

        // READY=1 once started and STOPPING=1 on stop, and the journald log format; does nothing unless systemd started us.
        services.AddSystemd();
        services.AddSingleton<LoopLiveness>();
        services.AddSingleton<ILoopLiveness>(sp => sp.GetRequiredService<LoopLiveness>());
        services.AddSingleton<KernelMetrics>();
        if (watchdog.Enabled)
        {
            services.AddHostedService(sp => new SystemdWatchdog(sp.GetRequiredService<LoopLiveness>(), watchdog, new SystemdNotifier(),
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SystemdWatchdog>>()));
        }

        if (settings.LogFile is { } file)
        {
            services.AddSingleton<ILoggerProvider>(sp => new FileLog(file, sp.GetRequiredService<TimeProvider>()));
        }

        var version = typeof(OperationsServices).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService("pluginbot", serviceVersion: version));
        if (settings.MetricsEnabled)
        {
            telemetry.WithMetrics(metrics => metrics
                .AddMeter(MetricNames.MeterPrefix + "*")
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        }

        if (settings.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(Tracing.SourcePrefix + "*")
                .AddAspNetCoreInstrumentation(http => http.Filter = context => !IsOperationsPath(context.Request.Path))
                .AddHttpClientInstrumentation(http => http.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    // The Telegram bot token is part of every Bot API path: it must not reach the trace collector.
                    if (request.RequestUri is { } uri)
                    {
                        activity.SetTag("url.full", RedactPath(uri.GetLeftPart(UriPartial.Path)));
                    }
                })
                .AddOtlpExporter(otlp =>
                {
                    otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
                    otlp.Endpoint = new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/').EndsWith("/v1/traces", StringComparison.Ordinal) ? endpoint.AbsolutePath : endpoint.AbsolutePath.TrimEnd('/') + "/v1/traces");
                }));
        }
    }

    /// <summary>Before bearer authentication: <c>/metrics</c> takes its own token, which the API would refuse.</summary>
    public static void Map(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<OperationsSettings>();
        _ = app.Services.GetRequiredService<KernelMetrics>(); // its gauges exist from the start, not from the first request
        if (settings.MetricsEnabled)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: context => context.Request.Path == MetricsPath,
                path: null, configureBranchedPipeline: branch => branch.UseMiddleware<MetricsAuthorization>(), optionsName: null);
        }
    }

    /// <summary>A URL with any bot token in its path replaced: <c>/bot123:ABC/sendMessage</c> → <c>/bot{token}/sendMessage</c>.</summary>
    internal static string RedactPath(string url) => BotToken().Replace(url, "/bot{token}/");

    private static bool IsOperationsPath(PathString path) => path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health");

    [GeneratedRegex(@"/bot[0-9]+:[^/]+/")]
    private static partial Regex BotToken();
}
