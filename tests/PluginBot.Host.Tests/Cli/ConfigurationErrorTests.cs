namespace PluginBot.Host.Tests.Cli;

/// <summary>Invalid kernel settings stop every verb with exit code 2 and one line per problem naming the variable and the fix.</summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Theory]
    [InlineData("API_PORT=abc", "API_PORT", "port number")]
    [InlineData("API_PORT=70000", "API_PORT", "port number")]
    [InlineData("ALLOWED_USERS=x,y", "ALLOWED_USERS", "numeric ids")]
    [InlineData("ADMIN_USERS=1,abc", "ADMIN_USERS", "numeric ids")]
    [InlineData("DEFAULT_TIMEZONE=Mars/Base", "DEFAULT_TIMEZONE", "Europe/Berlin")]
    [InlineData("API_BIND=nowhere", "API_BIND", "127.0.0.1")]
    [InlineData("LOG_LEVEL=Loud", "LOG_LEVEL", "Information")]
    [InlineData("Logging__LogLevel__Microsoft=Loud", "Logging:LogLevel:Microsoft", "Information")]
    [InlineData("Logging__Console__LogLevel__Default=Loud", "Logging:Console:LogLevel:Default", "Information")]
    public async Task An_invalid_flat_variable_exits_2_with_one_line_naming_it_and_the_fix(string line, string variable, string fix)
    {
        _sandbox.WriteDotEnv(line);

        var result = await _sandbox.RunAsync("config", "check");

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Configuration error: " + variable + " ", message, StringComparison.Ordinal);
        Assert.Contains(fix, message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task A_malformed_database_connection_string_exits_2_naming_DATABASE_URL()
    {
        _sandbox.Settings.Remove("Kernel:Database");
        _sandbox.WriteDotEnv("DATABASE_URL=Data Source=bot.db;Colour=blue");

        var result = await _sandbox.RunAsync("config", "check");

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Configuration error: DATABASE_URL ", message, StringComparison.Ordinal);
        Assert.Contains("use a file path such as data/pluginbot.db", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_admin_token_is_rejected_without_echoing_its_value()
    {
        const string token = "tiny-Secret-9";
        _sandbox.WriteDotEnv($"API_ADMIN_TOKEN={token}");

        var result = await _sandbox.RunAsync("config", "check");

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.ErrorLines);
        Assert.Contains("API_ADMIN_TOKEN", message, StringComparison.Ordinal);
        Assert.Contains("at least 16", message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_errors_are_all_reported_at_once()
    {
        _sandbox.WriteDotEnv("API_PORT=abc", "ALLOWED_USERS=x,y", "DEFAULT_TIMEZONE=Mars/Base", "LOG_LEVEL=Loud", "API_BIND=nowhere");

        var result = await _sandbox.RunAsync("plugins");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(5, result.ErrorLines.Count);
        foreach (var variable in new[] { "API_PORT", "ALLOWED_USERS", "DEFAULT_TIMEZONE", "LOG_LEVEL", "API_BIND" })
        {
            Assert.Single(result.ErrorLines, l => l.StartsWith("Configuration error: " + variable + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Running_the_bot_with_invalid_settings_exits_2_before_starting()
    {
        _sandbox.WriteDotEnv("API_PORT=70000");

        var result = await _sandbox.RunAsync();

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("Configuration error: API_PORT ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task An_unknown_verb_exits_2_and_points_at_help()
    {
        var result = await _sandbox.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.ErrorLines);
        Assert.Contains("'frobnicate'", message, StringComparison.Ordinal);
        Assert.Contains("pluginbot --help", message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
