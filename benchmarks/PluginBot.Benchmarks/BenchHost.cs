using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Hosting;

namespace PluginBot.Benchmarks;

/// <summary>The real host on a temp data folder and a free port on 127.0.0.1, logging at Warning.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    /// <summary>Allowed users the benchmarks rotate through (a power of two), so that no one user's rate limit bucket runs dry.</summary>
    public static readonly long[] UserIds = [.. Enumerable.Range(1001, 1024).Select(i => (long)i)];

    private readonly bool _deleteRoot;

    private BenchHost(string root, WebApplication app, bool deleteRoot)
    {
        Root = root;
        App = app;
        _deleteRoot = deleteRoot;
    }

    public string Root { get; }

    /// <summary>The host's SQLite file.</summary>
    public string DatabasePath => Path.Combine(Root, "data", "bench.db");

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>A new temp folder for one host's data and plugins.</summary>
    public static string CreateRoot() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "pluginbot-bench", Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Builds the host and prepares its database; starting Kestrel is the caller's choice.</summary>
    public static async Task<BenchHost> BuildAsync(
        string root,
        string pluginsPath,
        bool deleteRoot = true,
        IReadOnlyDictionary<string, string?>? configuration = null,
        Action<IServiceCollection>? services = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Kernel:DataDirectory"] = Path.Combine(root, "data"),
            ["Kernel:Database"] = Path.Combine(root, "data", "bench.db"),
            ["Kernel:Http:Port"] = "0",
            ["Kernel:Http:Bind"] = "127.0.0.1",
            ["Kernel:AdminUsers"] = "1",
            ["Kernel:AllowedUsers"] = string.Join(',', UserIds.Select(id => id.ToString(CultureInfo.InvariantCulture))),
            ["Kernel:RateLimit:PermitsPerMinute"] = "100000",
            ["Kernel:RateLimit:Burst"] = "100000",
            ["Plugins:Path"] = pluginsPath,
            // Warning, so that console I/O does not dominate what is measured.
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        Directory.CreateDirectory(Path.Combine(root, "data"));
        var app = PluginBotHost.Build(new HostBuildOptions
        {
            Overrides = overrides,
            DotEnvPath = null,
            UseEnvironment = false,
            Configure = services is null ? null : builder => services(builder.Services),
        });
        await KernelStartup.PrepareDatabaseAsync(app.Services, CancellationToken.None);
        return new BenchHost(root, app, deleteRoot);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (!_deleteRoot)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner.
        }
    }
}
