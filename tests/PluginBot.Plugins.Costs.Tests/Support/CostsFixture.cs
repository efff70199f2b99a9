using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Support;

/// <summary>
/// The real host with the costs and llm-gateway plugins from the plugins folder, the gateway pointed at a fake
/// OpenAI-compatible server, a fake clock, and a recording transport for notices. Prices are set in config with
/// round numbers: gpt-test costs $1,000 / $2,000 per million tokens (1,000 / 2,000 micro-dollars per token; cache
/// reads 100, reasoning 3,000),
/// cheap-model a tenth of that (and the fallback of the alias main, gpt-test); retired-model has no price. Every call may produce at most
/// 100 tokens.
/// </summary>
public class CostsFixture() : GatewayHostFixture("sk-costs-tests-123", "gpt-test", "cheap-model", "retired-model")
{
    public const long InputMicrosPerToken = 1000;
    public const long OutputMicrosPerToken = 2000;
    public const int MaxOutputTokens = 100;

    /// <summary>Where each test's clock starts: a Wednesday noon, far from any DST change.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly ResettableClock _clock = new();

    /// <summary>The host's clock; <see cref="ResetClock"/> puts a fresh one at <see cref="Start"/>.</summary>
    public FakeTimeProvider Clock => _clock.Current;

    public void ResetClock() => _clock.Current = new FakeTimeProvider(Start);

    public RecordingTransport Transport { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Plugins:Chat:Enabled"] = "false",
        ["Plugins:Costs:Prices:0:Model"] = "gpt-test",
        ["Plugins:Costs:Prices:0:InputPerMillion"] = "1000",
        ["Plugins:Costs:Prices:0:OutputPerMillion"] = "2000",
        ["Plugins:Costs:Prices:0:CacheReadPerMillion"] = "100",
        ["Plugins:Costs:Prices:0:ReasoningPerMillion"] = "3000",
        ["Plugins:Costs:Prices:1:Model"] = "gateway:cheap-model",
        ["Plugins:Costs:Prices:1:InputPerMillion"] = "100",
        ["Plugins:Costs:Prices:1:OutputPerMillion"] = "200",
        ["Models:Aliases:cheap"] = "gateway:cheap-model",
        ["Models:MaxOutputTokens"] = MaxOutputTokens.ToString(CultureInfo.InvariantCulture),
        ["Models:Retry:MaxAttempts"] = "1",
        ["Models:FirstTokenTimeoutSeconds"] = "10",
        ["Models:MaxConcurrency"] = "64",
        ["Models:Aliases:main"] = "gateway:gpt-test",
        ["Models:Fallbacks:main"] = "cheap",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<IMessengerTransport>(Transport);
    }

    /// <summary>One model call through the router, as <paramref name="actor"/>; returns the answer's text.</summary>
    public async Task<string> CallAsync(Actor actor, string prompt = "hi", string? model = null, string? taskId = null, long? capMicros = null, string? project = null)
    {
        await using var scope = CreateScope(actor);
        var router = scope.ServiceProvider.GetRequiredService<IModelRouter>();
        var context = new LlmCallContext { Actor = actor, TaskId = taskId, BudgetCap = capMicros is { } cap ? Usd.FromMicros(cap) : null, Project = project, Purpose = "test" };
        var resolved = await router.ResolveAsync(model, context);
        var response = await resolved.Client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)]);
        return response.Text;
    }

    /// <summary>
    /// The plugin's tables, opened beside the host on the same file: the host loads the plugin in its own load
    /// context, so its services cannot be resolved with this assembly's types.
    /// </summary>
    internal CostsDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<CostsDbContext>().UseSqlite($"Data Source={CurrentDatabasePath};Default Timeout=30").Options);

    /// <summary>The ledger as it is in the database now.</summary>
    internal async Task<List<LedgerRow>> LedgerAsync()
    {
        await using var db = OpenDatabase();
        return await db.Ledger.AsNoTracking().OrderBy(r => r.AtUtc).ToListAsync();
    }

    /// <summary>Changes a budget as an admin does: <c>/budget &lt;arguments&gt;</c>.</summary>
    public async Task SetBudgetAsync(string arguments)
    {
        var reply = await CommandAsync($"/budget {arguments}", Admin);
        Assert.False(reply.IsProblem, reply.Text);
    }
}

/// <summary>A clock the fixture can swap between tests: a fake clock only moves forward.</summary>
internal sealed class ResettableClock : TimeProvider
{
    public FakeTimeProvider Current { get; set; } = new(CostsFixture.Start);

    public override DateTimeOffset GetUtcNow() => Current.GetUtcNow();

    public override long GetTimestamp() => Current.GetTimestamp();

    public override long TimestampFrequency => Current.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Current.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => Current.CreateTimer(callback, state, dueTime, period);
}

[CollectionDefinition(Name)]
public sealed class CostsCollection : ICollectionFixture<CostsFixture>
{
    public const string Name = "costs";
}

/// <summary>Tests against <see cref="CostsFixture"/>: a fresh database and an empty transport for each test.</summary>
[Collection(CostsCollection.Name)]
public abstract class CostsTest(CostsFixture fixture) : HostTest<CostsFixture>(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host.Transport.Calls.Clear();
        Host.Gateway.Reset();
        Host.ResetClock();
    }

    /// <summary>Micro-dollars as the dollars a person types.</summary>
    protected static string Dollars(long micros) => ((decimal)micros / 1_000_000).ToString(CultureInfo.InvariantCulture);
}
