using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

/// <summary>Hosts that stop and start again on one database. (Killed processes: see the crash tests.)</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task A_graceful_shutdown_releases_a_running_task_which_resumes_from_its_checkpoint_at_the_next_start()
    {
        string id;
        string database;
        var first = new InstanceHost("host-a");
        await first.InitializeAsync();
        try
        {
            first.Gateway.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"moon"}""")));
            first.Gateway.DefaultReply = FakeReply.Hanging();
            id = await first.StartAsync("about the moon", HostFixture.User);
            await Eventually.UntilAsync(() => first.Gateway.Calls.Count == 2); // step 1 saved, step 2 running
            database = first.CurrentDatabasePath;
        }
        finally
        {
            await first.StopAsync();
        }

        var stopped = await first.TaskAsync(id);
        Assert.Equal((TaskState.Interrupted, null, 1), (stopped!.Status, stopped.LeaseOwner, stopped.Step));

        await using var second = new InstanceHost("host-b") { DatabasePath = database };
        await second.InitializeAsync();
        second.Gateway.Enqueue(FakeReply.WithText("The moon: 42."));
        var done = await second.WaitForAsync(id);

        Assert.Equal(TaskState.Completed, done.Status);
        Assert.Equal("The moon: 42.", done.Answer);
        Assert.True(done.Resumed);
        Assert.Equal(0, second.Lookup.Calls); // the tool's step was not run again
        var resumedCall = Assert.Single(second.Gateway.Calls);
        Assert.Equal(3, resumedCall.Messages.GetArrayLength());
        var history = await second.HistoryAsync(id);
        Assert.Equal([TaskState.Queued, TaskState.Running, TaskState.Interrupted, TaskState.Running, TaskState.Completed], history.Select(h => h.To));
        Assert.Equal("host-b", history[3].By);
        await Eventually.UntilAsync(() => second.Transport.Replies.Any(r => r.Edit && r.Reply.Text.Contains("Resumed after restart", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_turn_stopped_between_two_tool_calls_resumes_with_only_the_call_that_had_not_finished()
    {
        string id;
        string database;
        var first = new InstanceHost("host-a");
        await first.InitializeAsync();
        try
        {
            first.Agent.HoldUntilCancelled = true;
            first.Gateway.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"moon"}"""), new FakeToolCall("call-2", "hold", "{}")));
            id = await first.StartAsync("look, then hold", HostFixture.User);
            await first.Agent.Holding.WaitAsync(TimeSpan.FromSeconds(30)); // lookup ran; hold runs until the shutdown
            database = first.CurrentDatabasePath;
        }
        finally
        {
            await first.StopAsync();
        }

        Assert.Equal(TaskState.Interrupted, (await first.TaskAsync(id))!.Status);
        await using var second = new InstanceHost("host-b") { DatabasePath = database };
        await second.InitializeAsync();
        second.Gateway.Enqueue(FakeReply.WithText("The moon holds: 42."));
        var done = await second.WaitForAsync(id);

        Assert.Equal(TaskState.Completed, done.Status);
        Assert.Equal((1, 0), (first.Lookup.Calls, second.Lookup.Calls)); // lookup's result came from the checkpoint
        Assert.Equal(1, second.Agent.Holds); // hold, cut short, ran again
        var resumed = Assert.Single(second.Gateway.Calls); // the model was not asked for the first turn again
        var messages = resumed.Messages.EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "tool", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal(["call-1", "call-2"], messages.Skip(2).Select(m => m.GetProperty("tool_call_id").GetString()));
        Assert.Contains("fact about moon: 42", messages[2].GetProperty("content").ToString(), StringComparison.Ordinal);
        Assert.Contains("held", messages[3].GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task At_start_an_instance_takes_back_its_own_tasks_at_once_and_others_only_when_their_lease_runs_out()
    {
        var setup = new InstanceHost("host-a");
        await setup.InitializeAsync();
        var database = setup.CurrentDatabasePath;
        await setup.StopAsync();
        var now = DateTime.UtcNow;
        await using (var db = setup.OpenDatabase())
        {
            // host-z's lease runs well past the test: only the test ends it, so a slow start cannot.
            db.Tasks.Add(Running("own222", "host-a", now.AddMinutes(10)));
            db.Tasks.Add(Running("othr22", "host-z", now.AddMinutes(10)));
            await db.SaveChangesAsync();
        }

        await using var restarted = new InstanceHost("host-a") { DatabasePath = database };
        await restarted.InitializeAsync();

        Assert.Equal(TaskState.Completed, (await restarted.WaitForAsync("own222")).Status);
        Assert.Equal(TaskState.Running, (await restarted.TaskAsync("othr22"))!.Status);
        var ranOut = DateTime.UtcNow;
        await using (var db = restarted.OpenDatabase())
        {
            await db.Tasks.Where(t => t.Id == "othr22").ExecuteUpdateAsync(s => s.SetProperty(t => t.LeaseUntilUtc, ranOut.AddSeconds(-1)));
        }

        var takenOver = await restarted.WaitForAsync("othr22");
        Assert.Equal(TaskState.Completed, takenOver.Status);
        Assert.True(takenOver.FinishedAtUtc >= ranOut);
        var history = await restarted.HistoryAsync("othr22");
        Assert.Equal("the lease of host-z ran out", history.Single(h => h.To == TaskState.Interrupted).Reason);
        Assert.Equal("its process stopped before it finished", (await restarted.HistoryAsync("own222")).Single(h => h.To == TaskState.Interrupted).Reason);
    }

    private static TaskRow Running(string id, string owner, DateTime leaseUntil) => new()
    {
        Id = id,
        OwnerId = HostFixture.UserId,
        Prompt = "left running",
        Status = TaskState.Running,
        CreatedAtUtc = DateTime.UtcNow,
        StartedAtUtc = DateTime.UtcNow,
        LeaseOwner = owner,
        LeaseUntilUtc = leaseUntil,
    };

    /// <summary>A host with a fixed instance id.</summary>
    private sealed class InstanceHost(string instance) : TasksFixture, IAsyncDisposable
    {
        protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?> { ["Plugins:Tasks:InstanceId"] = instance };

        /// <summary>Stops the host (gracefully) but keeps its files for the next one.</summary>
        public async Task StopAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            await Gateway.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
