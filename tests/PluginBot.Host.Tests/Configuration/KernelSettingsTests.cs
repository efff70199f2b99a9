using System.Net;
using Microsoft.Extensions.Configuration;
using PluginBot.Host.Configuration;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Tests.Configuration;

public sealed class KernelSettingsTests
{
    [Fact]
    public void Empty_configuration_gives_safe_defaults()
    {
        var settings = Load([]);

        Assert.Equal(8080, settings.HttpPort);
        Assert.Equal(IPAddress.Loopback, settings.HttpBind);
        Assert.Null(settings.AdminToken);
        Assert.Empty(settings.AllowedUsers);
        Assert.Empty(settings.AdminUsers);
        Assert.Equal(TimeZoneInfo.Utc, settings.DefaultTimeZone);
        Assert.Equal(Path.GetFullPath("data"), settings.DataDirectory);
        Assert.Equal(Path.Combine(Path.GetFullPath("data"), "pluginbot.db"), settings.DatabasePath);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "plugins"), settings.PluginsPath);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromDays(7), settings.ButtonLifetime);
    }

    [Fact]
    public void User_lists_accept_commas_semicolons_and_spaces_and_drop_duplicates()
    {
        var settings = Load(new() { ["Kernel:AllowedUsers"] = "11, 12;13 11", ["Kernel:AdminUsers"] = "7" });

        Assert.Equal([11L, 12L, 13L], settings.AllowedUsers);
        Assert.Equal([7L], settings.AdminUsers);
    }

    [Theory]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("::1", "::1")]
    public void Bind_accepts_ip_addresses_and_localhost(string raw, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), Load(new() { ["Kernel:Http:Bind"] = raw }).HttpBind);
    }

    [Theory]
    [InlineData("sqlite:////srv/bot/bot.db", "/srv/bot/bot.db")]
    [InlineData("/srv/bot/bot.db", "/srv/bot/bot.db")]
    [InlineData("Data Source=/srv/bot/bot.db", "/srv/bot/bot.db")]
    public void Database_url_accepts_sqlite_urls_paths_and_connection_strings(string raw, string expected)
    {
        var settings = Load(new() { ["Kernel:Database"] = raw });

        Assert.Equal(expected, settings.DatabasePath);
        Assert.Contains("Data Source=" + expected, settings.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_sqlite_url_resolves_against_the_working_folder()
    {
        Assert.Equal(Path.GetFullPath("bot.db"), Load(new() { ["Kernel:Database"] = "sqlite:///bot.db" }).DatabasePath);
    }

    [Fact]
    public void A_postgres_url_is_refused_with_a_hint()
    {
        var error = Assert.Single(Errors(new() { ["Kernel:Database"] = "postgres://u:p@127.0.0.1/bot" }));

        Assert.StartsWith("DATABASE_URL (Kernel:Database): PostgreSQL is not supported yet", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_admin_token_of_16_characters_is_accepted_and_15_is_not()
    {
        Assert.Equal("0123456789abcdef", Load(new() { ["Kernel:Http:AdminToken"] = "0123456789abcdef" }).AdminToken);
        Assert.Contains("too short (15 characters)", Assert.Single(Errors(new() { ["Kernel:Http:AdminToken"] = "0123456789abcde" })), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Kernel:RateLimit:PermitsPerMinute", "0", "Kernel:RateLimit:PermitsPerMinute must be 1–100,000 requests per minute, e.g. 30; got 0.")]
    [InlineData("Kernel:RateLimit:Burst", "ten", "Kernel:RateLimit:Burst must be 1–100,000 requests at once, e.g. 10; got ten.")]
    [InlineData("Kernel:ShutdownTimeoutSeconds", "0", "Kernel:ShutdownTimeoutSeconds must be 1–3,600 seconds, e.g. 30; got 0.")]
    [InlineData("Kernel:EventBus:HandlerTimeoutSeconds", "3601", "Kernel:EventBus:HandlerTimeoutSeconds must be 1–3,600 seconds, e.g. 30; got 3601.")]
    [InlineData("Kernel:EventBus:MaxConcurrency", "257", "Kernel:EventBus:MaxConcurrency must be 1–256 handlers at once, e.g. 4; got 257.")]
    [InlineData("Kernel:Http:MaxRequestBodyBytes", "10", "Kernel:Http:MaxRequestBodyBytes must be 1,024–2,147,483,647 bytes, e.g. 1,048,576; got 10.")]
    [InlineData("Kernel:Http:Port", "70000", "API_PORT (Kernel:Http:Port) must be 0–65,535 (a port number; 0 picks a free one), e.g. 8080; got 70000.")]
    [InlineData("Kernel:Audit:RetentionDays", "-1", "Kernel:Audit:RetentionDays must be 0–36,500 days (0 keeps the audit log forever), e.g. 90; got -1.")]
    [InlineData("Kernel:Buttons:LifetimeHours", "0", "Kernel:Buttons:LifetimeHours must be 1–87,600 hours, e.g. 168; got 0.")]
    [InlineData("Kernel:Health:CacheSeconds", "3601", "Kernel:Health:CacheSeconds must be 0–3,600 seconds (0 checks providers at every probe), e.g. 30; got 3601.")]
    [InlineData("Kernel:Sqlite:Synchronous", "OFF", "Kernel:Sqlite:Synchronous must be FULL (every commit survives a power cut) or NORMAL (faster; a power cut may lose the last commits), e.g. FULL; got OFF.")]
    public void An_out_of_range_number_names_the_key_the_allowed_range_an_example_and_what_it_got(string key, string value, string expected)
    {
        Assert.Equal(expected, Assert.Single(Errors(new() { [key] = value })));
    }

    [Theory]
    [InlineData(null, "Full")]
    [InlineData("full", "Full")]
    [InlineData(" NORMAL ", "Normal")]
    public void Commits_are_synced_in_full_unless_normal_is_chosen(string? value, string expected)
    {
        Assert.Equal(Enum.Parse<SqliteSynchronous>(expected), Load(new() { ["Kernel:Sqlite:Synchronous"] = value }).Synchronous);
    }

    [Theory]
    [InlineData("Logging:LogLevel:Default", "None")]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore", "warning")]
    [InlineData("Logging:Console:LogLevel:Default", "Error")]
    public void Every_log_level_the_logging_system_accepts_is_accepted(string key, string level)
    {
        Load(new() { [key] = level });
    }

    [Fact]
    public void Log_levels_of_categories_and_providers_are_checked_too()
    {
        var errors = Errors(new() { ["Logging:LogLevel:Microsoft"] = "Loud", ["Logging:Console:LogLevel:Default"] = "Quiet" });

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Logging:LogLevel:Microsoft = 'Loud' is not a log level", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Logging:Console:LogLevel:Default = 'Quiet' is not a log level", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_connection_string_is_an_error_naming_DATABASE_URL()
    {
        var error = Assert.Single(Errors(new() { ["Kernel:Database"] = "Data Source=bot.db;Colour=blue" }));

        Assert.StartsWith("DATABASE_URL (Kernel:Database) is not a valid SQLite connection string", error, StringComparison.Ordinal);
        Assert.Contains("'colour'", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Every_problem_is_reported_and_no_settings_are_returned()
    {
        var (settings, errors) = KernelSettings.Load(Configuration(new()
        {
            ["Kernel:Http:Port"] = "abc",
            ["Kernel:AdminUsers"] = "1,abc",
            ["Settings:timezone"] = "Mars/Base",
            ["Logging:LogLevel:Default"] = "Loud",
        }));

        Assert.Null(settings);
        Assert.Equal(4, errors.Count);
    }

    private static KernelSettings Load(Dictionary<string, string?> values)
    {
        var (settings, errors) = KernelSettings.Load(Configuration(values));
        Assert.Empty(errors);
        return settings!;
    }

    private static IReadOnlyList<string> Errors(Dictionary<string, string?> values) => KernelSettings.Load(Configuration(values)).Errors;

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
