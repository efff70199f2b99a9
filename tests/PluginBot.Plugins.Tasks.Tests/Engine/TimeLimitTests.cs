using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

/// <summary>A host whose tasks may be idle for 3 s and run for 6 s.</summary>
public sealed class ShortLimitsFixture : TasksFixture
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Plugins:Tasks:IdleMinutes"] = "0.05",
        ["Plugins:Tasks:MaxDurationMinutes"] = "0.1",
        ["Models:FirstTokenTimeoutSeconds"] = "60",
    };
}

public sealed class TimeLimitTests(ShortLimitsFixture fixture) : HostTest<ShortLimitsFixture>(fixture), IClassFixture<ShortLimitsFixture>
{
    [Fact]
    public async Task A_task_idle_past_the_limit_is_stopped_with_the_reason_and_its_owner_told()
    {
        Host.Transport.Clear();
        Host.Gateway.Reset();
        Host.Gateway.DefaultReply = FakeReply.Hanging();

        var id = await Host.StartAsync("wait forever", HostFixture.User);
        var task = await Host.WaitForAsync(id);

        Assert.Equal(TaskState.Failed, task.Status);
        Assert.Equal("stopped after 0.05 min without output or progress (Plugins:Tasks:IdleMinutes)", task.Error);
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Text.StartsWith($"❌ Task {id} failed: stopped after 0.05 min", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_task_that_keeps_writing_is_not_idle_but_is_stopped_at_the_longest_duration_with_its_output_kept()
    {
        Host.Transport.Clear();
        Host.Gateway.Reset();
        Host.Gateway.DefaultReply = new FakeReply { Text = string.Concat(Enumerable.Repeat("word ", 40)), Chunks = 40, ChunkDelay = TimeSpan.FromMilliseconds(250) };

        var id = await Host.StartAsync("talk for ten seconds", HostFixture.User);
        var task = await Host.WaitForAsync(id);

        Assert.Equal(TaskState.Failed, task.Status);
        Assert.Equal("stopped after running 0.1 min, the longest a task may run (Plugins:Tasks:MaxDurationMinutes)", task.Error);
        Assert.InRange(task.RanForMs, 6_000, 12_000); // the watchdog looks every 2 s; a loaded machine adds a little
        await using var db = Host.OpenDatabase();
        var output = string.Concat(db.Output.Where(o => o.TaskId == id).Select(o => o.Text));
        Assert.StartsWith("word word word", output, StringComparison.Ordinal);
    }
}
