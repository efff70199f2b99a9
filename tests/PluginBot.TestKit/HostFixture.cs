using System.Collections.Concurrent;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Hosting;
using PluginBot.Host.Identity;
using PluginBot.Host.Storage;
using Xunit;

namespace PluginBot.TestKit;

/// <summary>
/// Starts the real host — real plugin loading, a temp data folder, a free port on 127.0.0.1 — once per test
/// collection. Each test calls <see cref="ResetDatabaseAsync"/> (or derives from <see cref="HostTest{TFixture}"/>)
/// to get a fresh SQLite file behind the same running host, and sends requests through the real pipeline,
/// each in a new scope, as a chosen actor.
/// </summary>
public class HostFixture : IAsyncLifetime
{
    public const long AdminId = 1;
    public const long UserId = 2;
    public const long OtherUserId = 3;
    public const long StrangerId = 99;

    private int _databaseNumber;

    public static Actor Admin { get; } = new(AdminId, ActorKind.Admin, "test");

    public static Actor User { get; } = new(UserId, ActorKind.User, "test");

    public static Actor OtherUser { get; } = new(OtherUserId, ActorKind.User, "test");

    public static Actor Stranger { get; } = new(StrangerId, ActorKind.User, "test");

    public static Actor System { get; } = Actor.System("test");

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "pluginbot-tests", Guid.NewGuid().ToString("N"));

    public WebApplication App { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress { get; private set; } = null!;

    public CapturedLogs Logs { get; } = new();

    /// <summary>The plugins folder to load; by default the one the test project's build copied next to it.</summary>
    protected virtual string PluginsPath => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Extra configuration for this fixture (keys as in appsettings, e.g. <c>Plugins:Hello:Greeting</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Configuration => new Dictionary<string, string?>();

    /// <summary>Registers extra services after the kernel's and the plugins' (e.g. test handlers).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var overrides = new Dictionary<string, string?>
        {
            ["Kernel:DataDirectory"] = DataDirectory,
            ["Kernel:Database"] = CurrentDatabasePath = DatabasePath ?? NextDatabasePath(),
            ["Kernel:Http:Port"] = "0",
            ["Kernel:Http:Bind"] = "127.0.0.1",
            ["Kernel:AdminUsers"] = AdminId.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
            ["Kernel:AllowedUsers"] = $"{UserId},{OtherUserId}",
            ["Kernel:Http:AdminToken"] = AdminToken,
            ["Kernel:RateLimit:PermitsPerMinute"] = "100000",
            ["Kernel:RateLimit:Burst"] = "100000",
            ["Plugins:Path"] = PluginsPath,
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in Configuration)
        {
            overrides[key] = value;
        }

        App = PluginBotHost.Build(new HostBuildOptions
        {
            Overrides = overrides,
            DotEnvPath = null,
            UseEnvironment = false,
            LoggerProviders = [Logs],
            Configure = builder => ConfigureServices(builder.Services),
        });
        await KernelStartup.PrepareDatabaseAsync(App.Services, CancellationToken.None);
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>The API admin token the fixture configures.</summary>
    public string AdminToken { get; } = "test-admin-token-0123456789";

    /// <summary>When set, the host opens this database file instead of a fresh one (a restart on another host's data).</summary>
    public string? DatabasePath { get; init; }

    /// <summary>The database file the host uses now.</summary>
    public string CurrentDatabasePath { get; private set; } = "";

    /// <summary>Switches the running host to a new, migrated and seeded database file.</summary>
    public async Task ResetDatabaseAsync()
    {
        Services.GetRequiredService<SqliteDatabase>().ConnectionString =
            new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = NextDatabasePath(), ForeignKeys = true, DefaultTimeout = 30 }.ToString();
        await KernelStartup.PrepareDatabaseAsync(Services, CancellationToken.None);
        Services.GetRequiredService<UserDirectory>().Invalidate();
    }

    /// <summary>
    /// Writes a user's row straight into the database, as an operator editing it would, and drops the directory's
    /// cache so the change is seen at once. Unlike /deny this announces nothing (no <c>UserDenied</c>): it is how a
    /// test makes the directory disagree with what a plugin was last told.
    /// </summary>
    public async Task SetUserRowAsync(long userId, bool allowed, bool admin)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            var row = await db.Users.FindAsync(userId) ?? db.Users.Add(new UserRow { Id = userId }).Entity;
            (row.IsAllowed, row.IsAdmin, row.ChangedAtUtc, row.ChangedBy) = (allowed, admin, DateTime.UtcNow, "test");
            await db.SaveChangesAsync();
        }

        Services.GetRequiredService<UserDirectory>().Invalidate();
    }

    /// <summary>A new scope whose actor is set, as a transport would.</summary>
    public AsyncServiceScope CreateScope(Actor? actor)
    {
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Host.Identity.ActorAccessor>().Current = actor;
        return scope;
    }

    /// <summary>Sends a request through the full pipeline, in a new scope, as <paramref name="actor"/>.</summary>
    public async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var scope = CreateScope(actor);
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request, cancellationToken);
    }

    /// <summary>
    /// Delivers every outbox entry committed so far that is due, after any dispatch already under way. Afterwards
    /// whatever a durable event was going to cause has happened, so a test can assert that something did not.
    /// </summary>
    public Task<int> DeliverOutboxAsync() => Services.GetRequiredService<PluginBot.Host.Events.OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);

    /// <summary>
    /// A plugin's own singleton, found by the full name of its type in the plugin's load context (a test assembly's copy
    /// of the plugin is another assembly, so its types do not resolve the host's services). For a test's barriers only:
    /// read it with reflection, as little as possible.
    /// </summary>
    public object PluginService(string pluginId, string typeName)
    {
        var plugin = Services.GetRequiredService<PluginBot.Host.Plugins.PluginCatalog>().Find(pluginId)
            ?? throw new InvalidOperationException($"Plugin {pluginId} is not in the catalog.");
        var type = plugin.Assembly?.GetType(typeName, throwOnError: true)
            ?? throw new InvalidOperationException($"Plugin {pluginId} is not loaded ({plugin.Status}: {plugin.Reason}).");
        return Services.GetRequiredService(type);
    }

    /// <summary>A new API token for a user, as <c>pluginbot token create --user</c> makes one.</summary>
    public async Task<string> CreateUserTokenAsync(long userId)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<PluginBot.Host.Identity.ApiTokenService>().CreateAsync(userId, "test", CancellationToken.None)).Token;
    }

    /// <summary>An HTTP client for the host, optionally with a bearer token.</summary>
    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new global::System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }

        return client;
    }

    public virtual async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner.
        }
    }

    private string NextDatabasePath() => CurrentDatabasePath = Path.Combine(DataDirectory, $"test-{Interlocked.Increment(ref _databaseNumber)}.db");
}

/// <summary>Base for tests that share a host: each test starts on a fresh database.</summary>
public abstract class HostTest<TFixture>(TFixture fixture) : IAsyncLifetime
    where TFixture : HostFixture
{
    protected TFixture Host { get; } = fixture;

    public virtual Task InitializeAsync() => Host.ResetDatabaseAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>Every log line the host wrote, for assertions (e.g. that no secret was ever logged).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}");
    }
}
