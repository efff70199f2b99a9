using System.Net;
using System.Net.Sockets;

namespace PluginBot.Host.Tests.Cli;

/// <summary>A database that cannot be written and a port already taken are reported as one line with exit code 2.</summary>
public sealed class StartupErrorTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();

    [Theory]
    [InlineData("migrate")]
    [InlineData("token", "list")]
    [InlineData]
    public async Task A_database_under_a_regular_file_exits_2_naming_the_path_and_the_fix(params string[] args)
    {
        var blocker = Path.Combine(_sandbox.Root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file, not a folder");
        _sandbox.Settings["Kernel:Database"] = Path.Combine(blocker, "pluginbot.db");
        _sandbox.Settings["Kernel:Http:Port"] = "0";
        _sandbox.Settings["Kernel:Http:Bind"] = "127.0.0.1";

        var result = await _sandbox.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Database error: Cannot open the database " + Path.Combine(blocker, "pluginbot.db"), message, StringComparison.Ordinal);
        Assert.Contains("DATABASE_URL", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_exits_2_naming_API_PORT()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        _sandbox.WriteDotEnv("API_BIND=127.0.0.1", $"API_PORT={port}");

        var result = await _sandbox.RunAsync();

        Assert.Equal(2, result.ExitCode);
        var message = Assert.Single(result.ErrorLines);
        Assert.StartsWith("Cannot listen: API_PORT " + port + " is already in use", message, StringComparison.Ordinal);
        Assert.Contains("set API_PORT to a free port", message, StringComparison.Ordinal);
    }

    public void Dispose() => _sandbox.Dispose();
}
