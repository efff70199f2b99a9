using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Support;

/// <summary>
/// The real host with the tasks, costs and llm-gateway plugins from the plugins folder, the gateway pointed at a fake
/// OpenAI-compatible server, and a recording transport for cards and notices. gpt-test costs $1,000 / $2,000 per
/// million tokens (so a default fake reply of 12 + 7 tokens costs $0.026); two projects, web (one task at a time)
/// and docs; test tools (<see cref="LookupTool"/>, <see cref="AgentTools"/>) and approvals the tests answer.
/// </summary>
public class TasksFixture() : GatewayHostFixture("sk-tasks-tests-123", "gpt-test", "cheap-model")
{
    public RecordingTransport Transport { get; } = new();

    public LookupTool Lookup { get; } = new();

    public AgentTools Agent { get; } = new();

    public ScriptedApprovals Approvals { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Plugins:Chat:Enabled"] = "false",
        ["Plugins:Costs:Prices:0:Model"] = "gpt-test",
        ["Plugins:Costs:Prices:0:InputPerMillion"] = "1000",
        ["Plugins:Costs:Prices:0:OutputPerMillion"] = "2000",
        ["Plugins:Tasks:Workers"] = "8",
        ["Plugins:Tasks:MaxRunning"] = "8",
        ["Plugins:Tasks:MaxRunningPerProject"] = "3",
        ["Plugins:Tasks:ProjectLimits:web"] = "1",
        ["Plugins:Tasks:CardRefreshSeconds"] = "1",
        ["Plugins:Tasks:LeaseSeconds"] = "6",
        // Several tests queue dozens of tasks as one person; the cap has its own fixture (FairQueueFixture).
        ["Plugins:Tasks:MaxActivePerUser"] = "1000",
        ["Projects:0:Name"] = "web",
        ["Projects:0:Path"] = "/srv/web",
        ["Projects:1:Name"] = "docs",
        ["Models:MaxOutputTokens"] = "100",
        ["Models:Retry:MaxAttempts"] = "1",
        ["Models:FirstTokenTimeoutSeconds"] = "10",
        ["Models:MaxConcurrency"] = "64",
        ["Models:Aliases:main"] = "gateway:gpt-test",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IMessengerTransport>(Transport);
        services.AddSingleton<ITaskTools>(Lookup);
        services.AddSingleton<ITaskTools>(Agent);
        services.AddSingleton<IToolApprovals>(Approvals);
        services.AddScoped<ScopedProbe>();
        services.AddSingleton(Events);
        services.AddSingleton(Sent);
        services.AddTransient(typeof(MediatR.IPipelineBehavior<,>), typeof(RecordingBehavior<,>));
        services.AddTransient<MediatR.INotificationHandler<TaskStateChanged>, TaskEventRecorder>();
        services.AddTransient<MediatR.INotificationHandler<TaskFinished>, TaskEventRecorder>();
    }

    /// <summary>Every public task event the host delivered, as another plugin would receive it.</summary>
    public TaskEvents Events { get; } = new();

    /// <summary>Every request sent through the pipeline, to see which request a transport used.</summary>
    public SentRequests Sent { get; } = new();

    /// <summary>
    /// The plugin's tables, opened beside the host on the same file: the host loads the plugin in its own load
    /// context, so its services cannot be resolved with this assembly's types.
    /// </summary>
    internal TasksDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<TasksDbContext>().UseSqlite($"Data Source={CurrentDatabasePath};Default Timeout=30").Options);

    internal async Task<TaskRow?> TaskAsync(string id)
    {
        await using var db = OpenDatabase();
        return await db.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id);
    }

    internal async Task<List<TaskRow>> TasksAsync()
    {
        await using var db = OpenDatabase();
        return await db.Tasks.AsNoTracking().OrderBy(t => t.CreatedAtUtc).ToListAsync();
    }

    internal async Task<List<TransitionRow>> HistoryAsync(string id)
    {
        await using var db = OpenDatabase();
        return await db.Transitions.AsNoTracking().Where(t => t.TaskId == id).OrderBy(t => t.Id).ToListAsync();
    }

    /// <summary>Waits until the task is in <paramref name="state"/> (or any final state when null) and returns it.</summary>
    internal async Task<TaskRow> WaitForAsync(string id, TaskState? state = null, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var task = await TaskAsync(id);
            if (task is not null && (state is null ? task.Status.IsFinal() : task.Status == state))
            {
                return task;
            }

            if (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"Task {id} is {task?.Status.ToString() ?? "missing"}, not {state?.ToString() ?? "final"}.");
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>The tasks whose run has not ended in this process (the plugin's own list, which a run leaves last).</summary>
    internal IReadOnlyCollection<string> RunningHere
    {
        get
        {
            var running = PluginService("tasks", "PluginBot.Plugins.Tasks.Engine.RunningTasks");
            return (IReadOnlyCollection<string>)running.GetType().GetProperty("Ids")!.GetValue(running)!;
        }
    }

    /// <summary>
    /// Waits until the run of a task that was running here has ended: its worker has written whatever it writes at the
    /// end of a run, so a later look at the task shows what the run left.
    /// </summary>
    internal Task RunEndedAsync(string id) => Eventually.UntilAsync(() => !RunningHere.Contains(id));

    /// <summary>Starts a task with <c>/task</c> as <paramref name="actor"/> and returns its id (read from the card).</summary>
    public async Task<string> StartAsync(string arguments, Actor actor)
    {
        var before = Transport.Replies.Count;
        var reply = await CommandAsync($"/task {arguments}", actor);
        Assert.False(reply.IsProblem, reply.Text);
        var card = Transport.Replies.Skip(before).FirstOrDefault(r => !r.Edit && r.Reply.Text.StartsWith("Task ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No task card was sent; the reply was: {reply.Text}");
        return card.Reply.Text.Split(' ')[1];
    }
}

/// <summary>
/// Tools the model may call: <c>lookup</c> returns a fixed fact and counts its calls; <c>fetch</c> fails as an
/// <see cref="HttpClient"/> does when its own time-out elapses.
/// </summary>
public sealed class LookupTool : ITaskTools
{
    private int _calls;

    public int Calls => _calls;

    /// <summary>Who each run was for, as the engine told the tools (id and kind): a task runs as its owner.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, Actor> Owners { get; } = new();

    public void Reset()
    {
        _calls = 0;
        Owners.Clear();
    }

    public IEnumerable<AITool> ToolsFor(TaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(task);
        Owners[task.Id] = task.Owner;
        return Tools();
    }

    private IEnumerable<AITool> Tools() =>
    [
        AIFunctionFactory.Create((string topic) => { Interlocked.Increment(ref _calls); return $"fact about {topic}: 42"; }, "lookup", "Looks a fact up"),
        AIFunctionFactory.Create(string (string url) => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 100 seconds elapsing.", new TimeoutException()), "fetch", "Fetches a page"),
    ];
}

[CollectionDefinition(Name)]
public sealed class TasksCollection : ICollectionFixture<TasksFixture>
{
    public const string Name = "tasks";
}

/// <summary>Tests against <see cref="TasksFixture"/>: a fresh database and an empty transport for each test.</summary>
[Collection(TasksCollection.Name)]
public abstract class TasksTest(TasksFixture fixture) : HostTest<TasksFixture>(fixture)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host.Transport.Clear();
        Host.Gateway.Reset();
        Host.Lookup.Reset();
        Host.Agent.Reset();
        Host.Approvals.Reset();
    }
}
