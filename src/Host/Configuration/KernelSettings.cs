using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Configuration;

/// <summary>The kernel's own settings, parsed once at start. Any error here stops the host.</summary>
internal sealed record KernelSettings
{
    public required string ConnectionString { get; init; }

    public required string DatabasePath { get; init; }

    public required string DataDirectory { get; init; }

    public required string PluginsPath { get; init; }

    public required int HttpPort { get; init; }

    public required IPAddress HttpBind { get; init; }

    public string? AdminToken { get; init; }

    public long MaxRequestBodyBytes { get; init; } = 1_048_576;

    public required IReadOnlyList<long> AllowedUsers { get; init; }

    public required IReadOnlyList<long> AdminUsers { get; init; }

    public required TimeZoneInfo DefaultTimeZone { get; init; }

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int RateLimitPermitsPerMinute { get; init; } = 30;

    public int RateLimitBurst { get; init; } = 10;

    public TimeSpan EventHandlerTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int EventMaxConcurrency { get; init; } = 4;

    public int AuditRetentionDays { get; init; } = 90;

    public TimeSpan ButtonLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the result of a remote readiness check (a provider's model listing) is reused; zero: never.</summary>
    public TimeSpan HealthCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>Kernel:Sqlite:Synchronous</c>: how hard SQLite makes a commit durable (docs/performance.md).</summary>
    public SqliteSynchronous Synchronous { get; init; } = SqliteSynchronous.Full;

    /// <summary>Parses and validates; every problem is one line naming the variable and the fix.</summary>
    public static (KernelSettings? Settings, IReadOnlyList<string> Errors) Load(IConfiguration configuration)
    {
        var errors = new List<string>();
        var dataDirectory = Path.GetFullPath(configuration["Kernel:DataDirectory"] is { Length: > 0 } d ? d : "data");

        var database = configuration["Kernel:Database"] is { Length: > 0 } db ? db : Path.Combine(dataDirectory, "pluginbot.db");
        var (connectionString, databasePath) = ParseDatabase(database, errors);

        var pluginsPath = configuration["Plugins:Path"] is { Length: > 0 } p
            ? Path.GetFullPath(p)
            : Path.Combine(AppContext.BaseDirectory, "plugins");

        var settings = new KernelSettings
        {
            ConnectionString = connectionString,
            DatabasePath = databasePath,
            DataDirectory = dataDirectory,
            PluginsPath = pluginsPath,
            HttpPort = Int(configuration, "Kernel:Http:Port", 8080, 0, 65535, "(a port number; 0 picks a free one)", errors, example: "8080"),
            HttpBind = Bind(configuration["Kernel:Http:Bind"], errors),
            AdminToken = AdminTokenValue(configuration["Kernel:Http:AdminToken"], errors),
            MaxRequestBodyBytes = Int(configuration, "Kernel:Http:MaxRequestBodyBytes", 1_048_576, 1024, int.MaxValue, "bytes", errors),
            AllowedUsers = UserIds(configuration, "Kernel:AllowedUsers", errors),
            AdminUsers = UserIds(configuration, "Kernel:AdminUsers", errors),
            DefaultTimeZone = TimeZone(configuration["Settings:timezone"], errors),
            ShutdownTimeout = TimeSpan.FromSeconds(Int(configuration, "Kernel:ShutdownTimeoutSeconds", 30, 1, 3600, "seconds", errors)),
            RateLimitPermitsPerMinute = Int(configuration, "Kernel:RateLimit:PermitsPerMinute", 30, 1, 100_000, "requests per minute", errors),
            RateLimitBurst = Int(configuration, "Kernel:RateLimit:Burst", 10, 1, 100_000, "requests at once", errors),
            EventHandlerTimeout = TimeSpan.FromSeconds(Int(configuration, "Kernel:EventBus:HandlerTimeoutSeconds", 30, 1, 3600, "seconds", errors)),
            EventMaxConcurrency = Int(configuration, "Kernel:EventBus:MaxConcurrency", 4, 1, 256, "handlers at once", errors),
            AuditRetentionDays = Int(configuration, "Kernel:Audit:RetentionDays", 90, 0, 36_500, "days (0 keeps the audit log forever)", errors),
            ButtonLifetime = TimeSpan.FromHours(Int(configuration, "Kernel:Buttons:LifetimeHours", 168, 1, 87_600, "hours", errors)),
            HealthCacheDuration = TimeSpan.FromSeconds(Int(configuration, "Kernel:Health:CacheSeconds", 30, 0, 3600, "seconds (0 checks providers at every probe)", errors)),
            Synchronous = SynchronousLevel(configuration["Kernel:Sqlite:Synchronous"], errors),
        };

        CheckLogLevels(configuration, errors);
        return errors.Count == 0 ? (settings, errors) : (null, errors);
    }

    /// <summary>Every <c>Logging[:Provider]:LogLevel:Category</c>: the logging system throws on a bad one at first use.</summary>
    private static void CheckLogLevels(IConfiguration configuration, List<string> errors)
    {
        foreach (var (key, level) in configuration.GetSection("Logging").AsEnumerable().OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
        {
            var parent = ConfigurationPath.GetParentPath(key);
            if (level is { Length: > 0 }
                && parent is not null
                && string.Equals(ConfigurationPath.GetSectionKey(parent), "LogLevel", StringComparison.OrdinalIgnoreCase)
                && !Enum.TryParse<LogLevel>(level, ignoreCase: true, out _))
            {
                errors.Add($"{FlatNames.Describe(key)} = '{level}' is not a log level: use Trace, Debug, Information, Warning, Error, Critical or None.");
            }
        }
    }

    private static (string ConnectionString, string Path) ParseDatabase(string value, List<string> errors)
    {
        if (value.StartsWith("postgres", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{FlatNames.Describe("Kernel:Database")}: PostgreSQL is not supported yet; use a SQLite file path such as data/pluginbot.db.");
            return ("", "");
        }

        var path = value;
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            path = value["sqlite:".Length..].TrimStart('/');
            path = value.StartsWith("sqlite:////", StringComparison.OrdinalIgnoreCase) ? "/" + path : path;
        }
        else if (value.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(value).DataSource;
            }
            catch (ArgumentException ex)
            {
                errors.Add($"{FlatNames.Describe("Kernel:Database")} is not a valid SQLite connection string ({ex.Message.Split(". ")[0].TrimEnd('.')}): use a file path such as data/pluginbot.db.");
                return ("", "");
            }
        }

        var full = System.IO.Path.GetFullPath(path);
        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder
        {
            DataSource = full,
            Cache = Microsoft.Data.Sqlite.SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        return (connection.ToString(), full);
    }

    /// <summary>
    /// A whole number from <paramref name="min"/> to <paramref name="max"/>; a bad one is reported with the range, the
    /// unit, an example (the default unless given) and the value found, so the fix is in the message.
    /// </summary>
    private static int Int(IConfiguration configuration, string key, int fallback, int min, int max, string unit, List<string> errors, string? example = null)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        var range = string.Create(CultureInfo.InvariantCulture, $"{min:N0}–{max:N0}");
        var sample = example ?? fallback.ToString("N0", CultureInfo.InvariantCulture);
        errors.Add($"{FlatNames.Describe(key)} must be {range} {unit}, e.g. {sample}; got {raw.Trim()}.");
        return fallback;
    }

    private static SqliteSynchronous SynchronousLevel(string? raw, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw) || string.Equals(raw.Trim(), "FULL", StringComparison.OrdinalIgnoreCase))
        {
            return SqliteSynchronous.Full;
        }

        if (string.Equals(raw.Trim(), "NORMAL", StringComparison.OrdinalIgnoreCase))
        {
            return SqliteSynchronous.Normal;
        }

        // OFF and EXTRA are SQLite levels too: OFF can corrupt the file on a power cut, EXTRA adds nothing with WAL.
        errors.Add($"{FlatNames.Describe("Kernel:Sqlite:Synchronous")} must be FULL (every commit survives a power cut) or NORMAL (faster; a power cut may lose the last commits), e.g. FULL; got {raw.Trim()}.");
        return SqliteSynchronous.Full;
    }

    private static IPAddress Bind(string? raw, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return IPAddress.Loopback;
        }

        if (string.Equals(raw, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return IPAddress.Loopback;
        }

        if (IPAddress.TryParse(raw, out var address))
        {
            return address;
        }

        errors.Add($"{FlatNames.Describe("Kernel:Http:Bind")} = '{raw}' is not an IP address: use 127.0.0.1 (this machine only) or 0.0.0.0 (all interfaces).");
        return IPAddress.Loopback;
    }

    private static string? AdminTokenValue(string? raw, List<string> errors)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return null;
        }

        if (raw.Length < 16)
        {
            // The value itself is a secret: never echo it.
            errors.Add($"{FlatNames.Describe("Kernel:Http:AdminToken")} is too short ({raw.Length} characters): use at least 16 random characters, e.g. from `openssl rand -hex 32`.");
        }

        return raw;
    }

    private static List<long> UserIds(IConfiguration configuration, string key, List<string> errors)
    {
        var raw = configuration[key];
        if (string.IsNullOrWhiteSpace(raw))
        {
            return [];
        }

        var ids = new List<long>();
        var bad = new List<string>();
        foreach (var part in raw.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                ids.Add(id);
            }
            else
            {
                bad.Add(part);
            }
        }

        if (bad.Count > 0)
        {
            errors.Add($"{FlatNames.Describe(key)} has values that are not Telegram user ids: {string.Join(", ", bad.Select(b => $"'{b}'"))}. Use numeric ids separated by commas, e.g. 12345678,87654321 (ask @userinfobot for yours).");
        }

        return [.. ids.Distinct()];
    }

    private static TimeZoneInfo TimeZone(string? raw, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return TimeZoneInfo.Utc;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(raw, out var zone))
        {
            return zone;
        }

        errors.Add($"{FlatNames.Describe("Settings:timezone")} = '{raw}' is not a known IANA time zone: use a name such as UTC, Europe/Berlin or America/New_York.");
        return TimeZoneInfo.Utc;
    }
}
