namespace PluginBot.Host.Configuration;

/// <summary>
/// The one table mapping the flat environment names users know onto configuration keys. Later plugins add
/// their rows here so that `config check` can name the variable a user actually sets.
/// </summary>
internal static class FlatNames
{
    public static readonly IReadOnlyDictionary<string, string> ToKey = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["TELEGRAM_BOT_TOKEN"] = "Plugins:Telegram:BotToken",
        ["TELEGRAM_API_URL"] = "Plugins:Telegram:ApiUrl",
        ["TELEGRAM_WEBHOOK_URL"] = "Plugins:Telegram:WebhookUrl",
        ["TELEGRAM_WEBHOOK_SECRET"] = "Plugins:Telegram:WebhookSecret",
        ["ALLOWED_USERS"] = "Kernel:AllowedUsers",
        ["ADMIN_USERS"] = "Kernel:AdminUsers",
        ["LLM_PROVIDER"] = "Plugins:Models:Provider",
        ["LLM_GATEWAY_URL"] = "Plugins:LlmGateway:Url",
        ["LLM_GATEWAY_TOKEN"] = "Plugins:LlmGateway:Token",
        ["LLM_MODEL"] = "Settings:model",
        ["OLLAMA_URL"] = "Plugins:Ollama:Url",
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
        "Plugins:Telegram:BotToken",
        "Plugins:Telegram:WebhookSecret",
        "Plugins:LlmGateway:Token",
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
