using Microsoft.Extensions.Configuration;
using PluginBot.Host.Configuration;

namespace PluginBot.Host.Operations;

/// <summary>Settings for running the bot as a service: metrics, traces and the optional log file. Parsed once at start.</summary>
internal sealed record OperationsSettings
{
    /// <summary><c>GET /metrics</c> is served (with a bearer token) unless this is false.</summary>
    public bool MetricsEnabled { get; init; } = true;

    /// <summary>A token that reads <c>/metrics</c> and nothing else; the admin token reads it too.</summary>
    public string? MetricsToken { get; init; }

    /// <summary>Where to send OpenTelemetry traces (OTLP over HTTP); null leaves tracing off.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>A file to write the log to as well as the console (journald under systemd); null for none.</summary>
    public string? LogFile { get; init; }

    public static (OperationsSettings Settings, IReadOnlyList<string> Errors) Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        var settings = new OperationsSettings
        {
            MetricsEnabled = Bool(configuration, "Kernel:Metrics:Enabled", fallback: true, errors),
            MetricsToken = Token(configuration["Kernel:Metrics:Token"], errors),
            OtlpEndpoint = Endpoint(configuration["Kernel:Tracing:OtlpEndpoint"], errors),
            LogFile = configuration["Kernel:Logging:File"] is { Length: > 0 } file ? Path.GetFullPath(file) : null,
        };
        return (settings, errors);
    }

    private static bool Bool(IConfiguration configuration, string key, bool fallback, List<string> errors)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (bool.TryParse(raw, out var value))
        {
            return value;
        }

        errors.Add($"{FlatNames.Describe(key)} = '{raw}' is not valid: expected true or false.");
        return fallback;
    }

    private static string? Token(string? raw, List<string> errors)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (raw.Length < 16)
        {
            // The value is a secret: never echo it.
            errors.Add($"{FlatNames.Describe("Kernel:Metrics:Token")} is too short ({raw.Length} characters): use at least 16 random characters, e.g. from `openssl rand -hex 32`.");
        }

        return raw;
    }

    private static Uri? Endpoint(string? raw, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (Uri.TryCreate(raw, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri;
        }

        errors.Add($"{FlatNames.Describe("Kernel:Tracing:OtlpEndpoint")} = '{raw}' is not an http(s) URL: use the collector's OTLP/HTTP address, e.g. http://127.0.0.1:4318.");
        return null;
    }
}
