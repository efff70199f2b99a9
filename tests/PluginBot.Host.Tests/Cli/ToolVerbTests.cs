using Microsoft.Data.Sqlite;

namespace PluginBot.Host.Tests.Cli;

/// <summary><c>config check</c>, <c>plugins</c> and <c>migrate</c> against a temp data folder.</summary>
public sealed class ToolVerbTests : IDisposable
{
    private const string AdminToken = "admin-token-that-must-stay-hidden-4242";
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Config_check_shows_kernel_settings_with_secrets_hidden_and_exits_0_when_no_plugin_needs_attention()
    {
        _sandbox.WriteDotEnv($"API_ADMIN_TOKEN={AdminToken}", "ALLOWED_USERS=11,12", "ADMIN_USERS=10", "DEFAULT_TIMEZONE=Europe/Berlin", "API_PORT=9123");

        var result = await _sandbox.RunAsync("config", "check");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Kernel: OK", result.Output, StringComparison.Ordinal);
        Assert.Contains("API_ADMIN_TOKEN", result.Output, StringComparison.Ordinal);
        Assert.Contains("set (hidden)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminToken, result.All, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:9123", result.Output, StringComparison.Ordinal);
        Assert.Contains("2 user(s)", result.Output, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", result.Output, StringComparison.Ordinal);
        Assert.Contains(_sandbox.DatabasePath, result.Output, StringComparison.Ordinal);
        Assert.Contains("No plugins found.", result.Output, StringComparison.Ordinal);
        Assert.Contains("All plugins are active or disabled on purpose.", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(_sandbox.DatabasePath), "config check must not create the database");
    }

    [Fact]
    public async Task Config_check_exits_1_and_names_the_plugin_that_needs_attention()
    {
        _sandbox.AddBrokenPlugin("broken");

        var result = await _sandbox.RunAsync("config", "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Malfunctioned", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 plugin(s) need attention: broken.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugins_prints_the_catalog_as_a_table_with_the_reason()
    {
        _sandbox.AddBrokenPlugin("broken");

        var result = await _sandbox.RunAsync("plugins");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches("^ID +VERSION +STATUS +DETAIL$", lines[0]);
        Assert.StartsWith("broken", lines[1], StringComparison.Ordinal);
        Assert.Contains("Malfunctioned", lines[1], StringComparison.Ordinal);
        Assert.Contains("entryAssembly", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugins_with_an_empty_folder_says_no_plugins_were_found()
    {
        var result = await _sandbox.RunAsync("plugins");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("No plugins found.", result.Output.Trim());
    }

    [Fact]
    public async Task Migrate_on_a_new_database_creates_the_kernel_tables_and_takes_no_backup()
    {
        var result = await _sandbox.RunAsync("migrate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No database yet; nothing to back up.", result.Output, StringComparison.Ordinal);
        Assert.Contains("Migrations applied to " + _sandbox.DatabasePath, result.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_sandbox.DataDirectory, "backups")));
        Assert.Superset(new HashSet<string> { "kernel_users", "kernel_api_tokens", "kernel_settings", "kernel_audit_log", "kernel_outbox", "kernel_button_tokens" }, Tables(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task Migrate_backs_up_an_existing_database_under_data_backups_first()
    {
        Assert.Equal(0, (await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "before")).ExitCode);

        var result = await _sandbox.RunAsync("migrate");

        Assert.Equal(0, result.ExitCode);
        var backup = Assert.Single(Directory.GetFiles(Path.Combine(_sandbox.DataDirectory, "backups"), "*.db"));
        Assert.Contains("Backed up the database to " + backup, result.Output, StringComparison.Ordinal);
        Assert.Contains("kernel_api_tokens", Tables(backup));
        Assert.Equal(1L, Scalar(backup, "SELECT COUNT(*) FROM kernel_api_tokens WHERE Name = 'before'"));
        Assert.Contains("kernel_users", Tables(_sandbox.DatabasePath));
    }

    [Fact]
    public async Task Config_check_names_every_flat_variable_the_plugins_declare_with_its_key_and_hides_secrets()
    {
        _sandbox.Settings["Plugins:Path"] = Path.Combine(AppContext.BaseDirectory, "plugins");
        _sandbox.WriteDotEnv("TELEGRAM_BOT_TOKEN=123456:secret-token-value", "OLLAMA_URL=http://127.0.0.1:11434");

        var result = await _sandbox.RunAsync("config", "check");

        var lines = result.Output.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("TELEGRAM_BOT_TOKEN", StringComparison.Ordinal) && l.EndsWith("Plugins:Telegram:BotToken = set (hidden)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("OLLAMA_URL", StringComparison.Ordinal) && l.EndsWith("Plugins:Ollama:Url = http://127.0.0.1:11434", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("TELEGRAM_WEBHOOK_URL", StringComparison.Ordinal) && l.EndsWith("Plugins:Telegram:WebhookUrl = not set", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("LLM_GATEWAY_URL", StringComparison.Ordinal) && l.EndsWith("Plugins:LlmGateway:Url = not set", StringComparison.Ordinal));
        Assert.DoesNotContain("secret-token-value", result.All, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();

    internal static HashSet<string> Tables(string databasePath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var tables = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    internal static object? Scalar(string databasePath, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
