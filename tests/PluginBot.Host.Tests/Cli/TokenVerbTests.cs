using Microsoft.Data.Sqlite;
using PluginBot.Host.Identity;

namespace PluginBot.Host.Tests.Cli;

/// <summary><c>token create|list|revoke</c>: the token is printed once and only its hash is stored.</summary>
public sealed class TokenVerbTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Fact]
    public async Task Create_prints_the_token_once_on_stdout_and_the_database_holds_only_its_hash()
    {
        var result = await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "ci");

        Assert.Equal(0, result.ExitCode);
        var token = result.Output.Trim();
        Assert.Matches("^pb_[A-Za-z0-9]{40}$", token);
        Assert.DoesNotContain(token, result.Error, StringComparison.Ordinal);
        Assert.Contains("cannot be shown again", result.Error, StringComparison.Ordinal);

        var rows = TokenRows();
        var row = Assert.Single(rows);
        Assert.Equal(42L, row["UserId"]);
        Assert.Equal("ci", row["Name"]);
        Assert.Equal(ApiTokenService.Hash(token), row["TokenHash"]);
        Assert.Matches("^[0-9a-f]{64}$", (string)row["TokenHash"]!);
        Assert.DoesNotContain(row.Values, v => v is string s && s.Contains(token[3..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_shows_the_id_and_user_but_never_the_token()
    {
        var created = await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "ci");
        var token = created.Output.Trim();
        var id = (string)Assert.Single(TokenRows())["Id"]!;

        var result = await _sandbox.RunAsync("token", "list");

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(id + "  user 42  ci  created ", line, StringComparison.Ordinal);
        Assert.EndsWith("active", line, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokenService.Hash(token), result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_with_no_tokens_says_how_to_create_one()
    {
        var result = await _sandbox.RunAsync("token", "list");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("pluginbot token create --user <id>", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_marks_the_token_revoked_and_a_second_revoke_fails_with_exit_1()
    {
        await _sandbox.RunAsync("token", "create", "--user", "42", "--name", "ci");
        var id = (string)Assert.Single(TokenRows())["Id"]!;

        var revoked = await _sandbox.RunAsync("token", "revoke", id);
        var again = await _sandbox.RunAsync("token", "revoke", id);
        var list = await _sandbox.RunAsync("token", "list");

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal($"Token {id} revoked.", revoked.Output.Trim());
        Assert.NotNull(Assert.Single(TokenRows())["RevokedAtUtc"]);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("pluginbot token list", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("revoked ", list.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task Create_for_a_user_id_that_is_not_positive_exits_2(string user)
    {
        var result = await _sandbox.RunAsync("token", "create", "--user", user);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--user must be a positive Telegram user id", result.Error, StringComparison.Ordinal);
        Assert.Empty(TokenRows());
    }

    [Fact]
    public async Task Create_without_a_user_exits_2_and_points_at_help()
    {
        var result = await _sandbox.RunAsync("token", "create");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--user", result.Error, StringComparison.Ordinal);
        Assert.Contains("pluginbot --help", result.Error, StringComparison.Ordinal);
        Assert.Equal("", result.Output);
    }

    public void Dispose() => _sandbox.Dispose();

    private List<Dictionary<string, object?>> TokenRows()
    {
        var rows = new List<Dictionary<string, object?>>();
        if (!File.Exists(_sandbox.DatabasePath))
        {
            return rows;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _sandbox.DatabasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM kernel_api_tokens";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
