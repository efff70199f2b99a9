using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Scheduler.Tests.Support;

/// <summary>
/// The real host with the scheduler, tasks and llm-gateway plugins loaded from plugins/, on a fake clock: a test moves
/// time with <see cref="AdvanceTo"/> and the scheduler's own loop fires what fell due. Model calls go to a fake
/// OpenAI-compatible server; notices to a recording transport.
/// </summary>
public class SchedulerFixture() : GatewayHostFixture("sk-scheduler-tests-1", "gpt-test")
{
    public static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public RecordingTransport Transport { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Plugins:Chat:Enabled"] = "false",
        ["Plugins:Scheduler:PollSeconds"] = "1",
        ["Plugins:Scheduler:MaxSchedulesPerUser"] = "3",
        ["Plugins:Tasks:MaxActivePerUser"] = "1000",
        // The clock jumps hours at a time; a held run must not lose its claim meanwhile.
        ["Plugins:Tasks:LeaseSeconds"] = "3600",
        ["Plugins:Tasks:IdleMinutes"] = "10000",
        ["Plugins:Tasks:MaxDurationMinutes"] = "100000",
        ["Plugins:Tasks:CardRefreshSeconds"] = "3600",
        ["Models:FirstTokenTimeoutSeconds"] = "1000000",
        ["Models:Retry:MaxAttempts"] = "1",
        ["Projects:0:Name"] = "web",
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IMessengerTransport>(Transport);
    }

    /// <summary>Moves the clock forward to <paramref name="utc"/> in one-second steps, as the real one would pass.</summary>
    public void AdvanceTo(DateTimeOffset utc)
    {
        while (Clock.GetUtcNow() < utc)
        {
            var step = utc - Clock.GetUtcNow();
            Clock.Advance(step > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : step);
        }
    }

    /// <summary>
    /// Waits for <paramref name="condition"/> while time passes, half a second per look: what the bot does meanwhile
    /// (the flood-aware sender spacing messages, the outbox retrying) waits on this clock too.
    /// </summary>
    public Task UntilAsync(Func<Task<bool>> condition) =>
        Eventually.UntilAsync(async () =>
        {
            if (await condition())
            {
                return true;
            }

            Clock.Advance(TimeSpan.FromMilliseconds(500));
            return false;
        });

    /// <summary>
    /// Stops every task still going and waits until none is: the workers keep running across a database switch, and a
    /// task left over from one test would answer the next test's scripted model replies.
    /// </summary>
    public Task DrainAsync() =>
        UntilAsync(async () =>
        {
            var active = (await SendAsync(new ListTasks { Everyone = true, Active = true }, System)).Tasks;
            foreach (var task in active)
            {
                await SendAsync(new StopTask(task.Id), System);
            }

            return active.Count == 0;
        });

    /// <summary>Jumps the clock (downtime: nothing ran in between).</summary>
    public void JumpTo(DateTimeOffset utc) => Clock.SetUtcNow(utc);

    /// <summary>A command from the test user (<see cref="HostFixture.User"/>).</summary>
    public Task<Reply> CommandAsync(string line) => CommandAsync(line, User);

    /// <summary>Creates a schedule and answers its id, read from the reply.</summary>
    public async Task<string> CreateAsync(string flagsAndPrompt, Actor? actor = null)
    {
        var reply = await CommandAsync("/task " + flagsAndPrompt, actor ?? User);
        Assert.False(reply.IsProblem, reply.Text);
        return reply.Text.Split(' ')[2];
    }

    public async Task<IReadOnlyList<TaskView>> TasksOfAsync(string scheduleId) =>
        (await SendAsync(new ListTasks { Everyone = true, Origin = $"schedule:{scheduleId}", Take = 1000 }, System)).Tasks;
}

[CollectionDefinition(Name)]
public sealed class SchedulerCollection : ICollectionFixture<SchedulerFixture>
{
    public const string Name = "scheduler host";
}
