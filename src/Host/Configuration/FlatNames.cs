namespace PluginBot.Host.Configuration;

/// <summary>
/// The kernel's flat environment names, mapped onto its configuration keys. Plugins declare their own in their
/// manifests; <see cref="FlatNameTable"/> joins both once the manifests are read.
/// </summary>
internal static class FlatNames
{
    public static readonly IReadOnlyDictionary<string, string> ToKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ALLOWED_USERS"] = "Kernel:AllowedUsers",
        ["ADMIN_USERS"] = "Kernel:AdminUsers",
        ["LLM_MODEL"] = "Settings:model",
        ["DATABASE_URL"] = "Kernel:Database",
        ["API_PORT"] = "Kernel:Http:Port",
        ["API_BIND"] = "Kernel:Http:Bind",
        ["API_ADMIN_TOKEN"] = "Kernel:Http:AdminToken",
        ["DEFAULT_TIMEZONE"] = "Settings:timezone",
        ["LOG_LEVEL"] = "Logging:LogLevel:Default",
        ["LOG_FILE"] = "Kernel:Logging:File",
        ["METRICS_ENABLED"] = "Kernel:Metrics:Enabled",
        ["METRICS_TOKEN"] = "Kernel:Metrics:Token",
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "Kernel:Tracing:OtlpEndpoint",
    };

    /// <summary>Keys whose values are secrets: never printed, logged or stored in clear.</summary>
    public static readonly IReadOnlySet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Kernel:Http:AdminToken",
        "Kernel:Metrics:Token",
    };

    /// <summary>How to name a key to a user: <c>API_PORT (Kernel:Http:Port)</c> when it has a flat name.</summary>
    public static string Describe(string key)
    {
        var flat = ToKey.FirstOrDefault(p => string.Equals(p.Value, key, StringComparison.OrdinalIgnoreCase)).Key;
        return flat is null ? key : $"{flat} ({key})";
    }

    /// <summary>True when a key looks like it holds a secret.</summary>
    public static bool IsSecret(string key) =>
        SecretKeys.Contains(key)
        || key.Contains("token", StringComparison.OrdinalIgnoreCase)
        || key.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || key.Contains("password", StringComparison.OrdinalIgnoreCase)
        || key.Contains("apikey", StringComparison.OrdinalIgnoreCase);
}
