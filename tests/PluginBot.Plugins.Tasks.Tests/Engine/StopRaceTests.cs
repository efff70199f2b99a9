using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Api;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;
using Xunit.Abstractions;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

/// <summary>A host with room for many tasks at once, so stops land on running tasks about to complete.</summary>
public sealed class RaceFixture : TasksFixture
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Plugins:Tasks:Workers"] = "64",
        ["Plugins:Tasks:MaxRunning"] = "64",
    };
}

public sealed class StopRaceTests(RaceFixture fixture, ITestOutputHelper output) : HostTest<RaceFixture>(fixture), IClassFixture<RaceFixture>
{
    private const int Interleavings = 1000;

    [Fact]
    public async Task Stop_and_complete_racing_a_thousand_times_end_in_one_state_each_and_the_stopper_is_told_which()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        Host.Gateway.DefaultReply = FakeReply.WithText("done");
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));
        var outcomes = new List<(string Id, string Reply)>();

        // Whichever way the random races fall on a loaded machine, both outcomes are checked at least once: a task
        // stopped while its answer is still streaming (the fake holds it), and a task stopped after it completed.
        // The stop waits for the held call to reach the fake, so no later task takes the held reply.
        var calls = Host.Gateway.Calls.Count;
        Host.Gateway.Enqueue(FakeReply.WithText("never sent") with { HoldUntil = new TaskCompletionSource().Task });
        var held = await client.CreateTaskAsync(new { prompt = "held" });
        await Eventually.UntilAsync(() => Host.Gateway.Calls.Count > calls);
        outcomes.Add((held, (await Host.CommandAsync($"/taskstop {held}", HostFixture.User)).Text));
        var finished = await client.CreateTaskAsync(new { prompt = "finished" });
        await Host.WaitForAsync(finished, TaskState.Completed);
        outcomes.Add((finished, (await Host.CommandAsync($"/taskstop {finished}", HostFixture.User)).Text));

        for (var batch = 0; batch < Interleavings / 25; batch++)
        {
            var delays = Enumerable.Range(0, 25).Select(_ => random.Next(0, 200)).ToList();
            outcomes.AddRange(await Task.WhenAll(delays.Select(async delay =>
            {
                var id = await client.CreateTaskAsync(new { prompt = "race" });
                await Task.Delay(delay);
                var reply = await Host.CommandAsync($"/taskstop {id}", HostFixture.User);
                return (id, reply.Text);
            })));
        }

        int stopped = 0, stoppedRunning = 0, completed = 0;
        foreach (var (id, reply) in outcomes)
        {
            var task = await Host.WaitForAsync(id);
            var history = await Host.HistoryAsync(id);
            Assert.True(history.Count(h => h.To.IsFinal()) == 1, $"seed {seed}: task {id} reached {history.Count(h => h.To.IsFinal())} final states");
            switch (task.Status)
            {
                case TaskState.Cancelled:
                    Assert.True(reply == $"Stopped task {id}.", $"seed {seed}: {id} is cancelled but the stopper was told: {reply}");
                    Assert.Null(task.Answer);
                    stopped++;
                    stoppedRunning += history.Any(h => h.From == TaskState.Running && h.To == TaskState.Cancelled) ? 1 : 0;
                    break;
                case TaskState.Completed:
                    Assert.True(reply.StartsWith($"Task {id} already completed at ", StringComparison.Ordinal), $"seed {seed}: {id} completed but the stopper was told: {reply}");
                    Assert.Equal("done", task.Answer);
                    completed++;
                    break;
                default:
                    Assert.Fail($"seed {seed}: task {id} ended {task.Status}");
                    break;
            }
        }

        // The two fixed cases above make sure both sides were checked; how the random ones fell depends on the load.
        output.WriteLine($"seed {seed}: {stopped} stopped ({stoppedRunning} while running), {completed} completed first");
        Assert.True(stoppedRunning > 0 && completed > 0, $"seed {seed}: {stopped} stopped ({stoppedRunning} while running), {completed} completed");
        await Eventually.UntilAsync(() => Host.Transport.Replies.Count(r => r.Reply.Text.Contains(" completed in ", StringComparison.Ordinal)) >= completed);
        var completedNotices = Host.Transport.Replies.Where(r => r.Reply.Text.Contains(" completed in ", StringComparison.Ordinal)).Select(r => r.Reply.Text.Split(' ')[2]).ToHashSet();
        Assert.DoesNotContain(outcomes, o => o.Reply.StartsWith("Stopped", StringComparison.Ordinal) && completedNotices.Contains(o.Id));
    }
}
