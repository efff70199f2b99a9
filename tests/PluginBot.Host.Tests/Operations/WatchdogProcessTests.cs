using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using PluginBot.Host.Tests.Cli;
using PluginBot.Host.Tests.Plugins;

namespace PluginBot.Host.Tests.Operations;

/// <summary>
/// The real host as systemd runs it: its parent is named <c>systemd</c> (so Microsoft.Extensions.Hosting.Systemd
/// activates), <c>NOTIFY_SOCKET</c> is a datagram socket the test reads and <c>WATCHDOG_USEC</c> is one second.
/// </summary>
public sealed class WatchdogProcessTests : IDisposable
{
    private readonly CliSandbox _sandbox = new();
    private readonly PluginsFolder _plugins = new PluginsFolder().AddPlugin("StallingLoop");
    private readonly string _socketPath = Path.Combine(Path.GetTempPath(), $"pb-notify-{Guid.NewGuid():N}"[..24] + ".sock");
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly Channel<string> _datagrams = Channel.CreateUnbounded<string>();

    public WatchdogProcessTests()
    {
        _socket.Bind(new UnixDomainSocketEndPoint(_socketPath));
        _ = ReceiveAsync();
    }

    [Fact]
    public async Task Ready_and_watchdog_pings_arrive_and_the_pings_stop_while_a_loop_is_stalled()
    {
        var parent = Path.Combine(_sandbox.Root, "systemd");
        File.CreateSymbolicLink(parent, "/bin/bash");
        using var child = ChildProcess.StartUnder(parent, _sandbox.Root, new Dictionary<string, string>
        {
            ["DATABASE_URL"] = _sandbox.DatabasePath,
            ["API_BIND"] = "127.0.0.1",
            ["API_PORT"] = "0",
            ["Kernel__DataDirectory"] = _sandbox.DataDirectory,
            ["Plugins__Path"] = _plugins.Root,
            ["NOTIFY_SOCKET"] = _socketPath,
            ["WATCHDOG_USEC"] = 1_000_000.ToString(CultureInfo.InvariantCulture),
        });

        await NextAsync(d => d.Contains("READY=1", StringComparison.Ordinal), child);
        await NextAsync(d => d == "WATCHDOG=1", child);
        await NextAsync(d => d == "WATCHDOG=1", child);

        await File.WriteAllTextAsync(StallFile, "");
        await NextAsync(d => d.StartsWith("STATUS=Not pinging the watchdog: test:stalling", StringComparison.Ordinal), child);

        // Every tick while the loop is stalled sends a status instead of a ping: three in a row, no ping between.
        for (var tick = 0; tick < 3; tick++)
        {
            var next = await NextAsync(_ => true, child);
            Assert.StartsWith("STATUS=Not pinging the watchdog: test:stalling", next, StringComparison.Ordinal);
        }

        File.Delete(StallFile);
        await NextAsync(d => d == "WATCHDOG=1", child);
        Assert.Contains("test:stalling silent for", child.Output, StringComparison.Ordinal);
    }

    // The plugin's own data folder, which the host creates under the data directory.
    private string StallFile => Path.Combine(_sandbox.DataDirectory, "plugins", "stalling-loop", "stall-loop");

    public void Dispose()
    {
        _socket.Dispose();
        File.Delete(_socketPath);
        _plugins.Dispose();
        _sandbox.Dispose();
    }

    private async Task<string> NextAsync(Func<string, bool> match, ChildProcess child)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var datagram = await _datagrams.Reader.ReadAsync(timeout.Token);
                if (match(datagram))
                {
                    return datagram;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The expected notification did not arrive. Host output:\n{child.Output}");
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, SocketFlags.None);
                _datagrams.Writer.TryWrite(Encoding.UTF8.GetString(buffer, 0, received).Trim());
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            _datagrams.Writer.TryComplete();
        }
    }
}
