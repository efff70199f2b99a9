using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using Xunit.Abstractions;

namespace PluginBot.Plugins.Tasks.Tests.Crashes;

/// <summary>One run of the proof: a data folder, the fake gateway, the hosts started and killed on it, what was seen.</summary>
internal sealed partial class KillScenario(string name, int seed, int taskCount, int steps, int workers, ITestOutputHelper output) : IAsyncDisposable
{
    private const string AdminToken = "crash-admin-token-0123456789abcdef";

    private readonly Random _random = new(seed);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pluginbot-crash-tests", $"{name}-{Guid.NewGuid():N}");
    private readonly StepwiseOpenAiServer _gateway = new(steps, chunks: 8, chunkDelay: TimeSpan.FromMilliseconds(35));
    private readonly List<(DateTimeOffset Started, DateTimeOffset Ended, string Phase)> _runs = [];
    private readonly Dictionary<string, string> _prompts = []; // task id → prompt
    private int _run; // the number of the host run now (1 for the first)
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private HostProcess? _host;
    private string _pluginsPath = Path.Combine(AppContext.BaseDirectory, "plugins");

    public string DatabasePath => Path.Combine(_root, "data", "pluginbot.db");

    public string LastOutput => string.Join('\n', (_host?.Output ?? "").Split('\n').TakeLast(60));

    public async Task RunAsync(int kills)
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        await _gateway.StartAsync();

        // The first run creates the tasks over the API, then is killed like every other.
        var api = await StartAsync();
        using (var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
            for (var i = 1; i <= taskCount; i++)
            {
                var prompt = $"{name} task {i}";
                using var response = await http.PostAsJsonAsync("/api/tasks", new { prompt });
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST /api/tasks answered {(int)response.StatusCode}: {body}");
                _prompts[JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!] = prompt;
            }
        }

        await Task.Delay(_random.Next(0, 1500));
        Kill();
        for (var kill = 1; kill < kills; kill++)
        {
            await StartWorkersAsync();
            switch (_random.Next(4))
            {
                case 0:
                    // Counted from when the workers start: the tasks this instance held are taken back and
                    // claimed again while the API is still starting.
                    await Task.Delay(_random.Next(0, 1500));
                    break;
                case 1 or 2:
                    // During a streamed answer, or just after it: the step's checkpoint, the next step.
                    await UntilAsync(() => _gateway.StepCalls.Any(c => c.Run == _run), TimeSpan.FromSeconds(60));
                    await Task.Delay(_random.Next(0, 600));
                    break;
                default:
                    // Right after an answer ended: its settlement, checkpoint, "done" and "told".
                    await UntilAsync(() => _gateway.StepCalls.Any(c => c.Run == _run && c.Delivered), TimeSpan.FromSeconds(60));
                    await Task.Delay(_random.Next(0, 40));
                    break;
            }

            Kill();
        }

        // The last run goes on until every task is final; it is killed too, with nothing left running.
        await StartWorkersAsync();
        output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0}s: last run is up");
        await WaitUntilFinalAsync(TimeSpan.FromSeconds(180));
        output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0}s: every task is final");
        _host!.Kill();
        SqliteConnection.ClearAllPools();
        output.WriteLine($"{name}: {kills} kills: {string.Join(", ", _runs.GroupBy(r => r.Phase).Select(g => $"{g.Count()} {g.Key}"))}; {_gateway.StepCalls.Count} model calls for {taskCount} tasks × {steps} steps");
    }

    /// <summary>
    /// Starts a host and waits for its task workers. Not killed earlier: a SIGKILL during the database migration
    /// leaves EF Core's SQLite migration lock behind and every later start hangs (see the skipped test below).
    /// </summary>
    private async Task StartWorkersAsync()
    {
        _host = HostProcess.Start(_root, Environment(++_run));
        await _host.WorkingAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0}s: run {_runs.Count + 1} working after {(DateTimeOffset.UtcNow - _host.StartedAt).TotalSeconds:0.00}s");
    }

    /// <summary>Starts a host on the data folder, waits until it runs (30 s at most) and kills it.</summary>
    public async Task StartOnceAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "data"));
        if (_gateway.BaseAddress is null)
        {
            await _gateway.StartAsync();
        }

        _host = HostProcess.Start(_root, Environment(++_run));
        await _host.RunningAsync(TimeSpan.FromSeconds(30));
        _host.Kill();
    }

    private async Task<Uri> StartAsync()
    {
        _host = HostProcess.Start(_root, Environment(++_run));
        var api = await _host.RunningAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0}s: run {_runs.Count + 1} up after {(DateTimeOffset.UtcNow - _host.StartedAt).TotalSeconds:0.00}s");
        return api;
    }

    private void Kill()
    {
        var host = _host!;
        var killedAt = host.Kill();
        var inFlight = _gateway.StepCalls.Count(c => c.Run == _run && !c.Delivered);
        var phase = !host.Output.Contains("PluginBot is running", StringComparison.Ordinal) ? "while starting"
            : inFlight > 0 ? "during model calls"
            : AllFinalAsync().GetAwaiter().GetResult() ? "after every task ended" : "between model calls";
        _runs.Add((host.StartedAt, killedAt, phase));
        output.WriteLine($"{_clock.Elapsed.TotalSeconds:0.0}s: killed run {_runs.Count} ({(killedAt - host.StartedAt).TotalSeconds:0.00}s old) {phase}");
        host.Dispose();
    }

    /// <summary>Waits for <paramref name="condition"/>, or until every task is final or the timeout passed.</summary>
    private async Task UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        for (var round = 1; !condition() && DateTimeOffset.UtcNow < until; round++)
        {
            if (round % 100 == 0 && await AllFinalAsync())
            {
                return;
            }

            await Task.Delay(5);
        }
    }

    private async Task WaitUntilFinalAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        while (!await AllFinalAsync())
        {
            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"Tasks did not all end within {timeout}.");
            }

            await Task.Delay(100, CancellationToken.None);
        }
    }

    private async Task<bool> AllFinalAsync()
    {
        await using var db = new TasksDbContext(new DbContextOptionsBuilder<TasksDbContext>().UseSqlite($"Data Source={DatabasePath};Default Timeout=30;Pooling=False").Options);
        var states = await db.Tasks.AsNoTracking().Select(t => t.Status).ToListAsync();
        return states.Count == taskCount && states.All(s => s.IsFinal());
    }

    /// <summary>What a run's host is started with; each run calls the gateway under its own path, so each call is known to be its.</summary>
    private Dictionary<string, string> Environment(int run) => new()
    {
        ["DATABASE_URL"] = DatabasePath,
        ["Kernel__DataDirectory"] = Path.Combine(_root, "data"),
        ["Plugins__Path"] = _pluginsPath,
        ["API_BIND"] = "127.0.0.1",
        ["API_PORT"] = "0",
        ["API_ADMIN_TOKEN"] = AdminToken,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__PluginBot"] = "Information",
        ["Logging__LogLevel__PluginBot.Host.Pipeline"] = "Warning",
        ["Logging__LogLevel__PluginBot.Host.Mediator"] = "None", // no transport: "nobody can be notified"
        ["Plugins__Telegram__Enabled"] = "false",
        ["Plugins__Chat__Enabled"] = "false",
        ["Plugins__Ollama__Enabled"] = "false",
        ["Plugins__LlmGateway__Url"] = new Uri(_gateway.BaseAddress, StepwiseOpenAiServer.PathOf(run)).ToString(),
        ["Plugins__LlmGateway__Token"] = "sk-crash-tests",
        ["Plugins__LlmGateway__DefaultModel"] = "gpt-test",
        ["Plugins__Costs__Prices__0__Model"] = "gpt-test",
        ["Plugins__Costs__Prices__0__InputPerMillion"] = "1",
        ["Plugins__Costs__Prices__0__OutputPerMillion"] = "2",
        ["Plugins__Tasks__InstanceId"] = "crash-host",
        ["Plugins__Tasks__Workers"] = workers.ToString(CultureInfo.InvariantCulture),
        ["Plugins__Tasks__MaxRunning"] = workers.ToString(CultureInfo.InvariantCulture),
        ["Plugins__Tasks__LeaseSeconds"] = "5",
        ["Models__Provider"] = "gateway",
        ["Models__Retry__MaxAttempts"] = "1",
        ["Models__FirstTokenTimeoutSeconds"] = "10",
    };

    public async ValueTask DisposeAsync()
    {
        _host?.Dispose();
        await _gateway.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
