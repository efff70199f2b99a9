using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

/// <summary>A task runs as its owner stands now: denied owners' tasks stop, a demoted admin's run as a user.</summary>
public sealed class OwnerStandingTests(TasksFixture fixture) : TasksTest(fixture)
{
    private const string NoLongerAllowed = "owner no longer allowed";

    [Fact]
    public async Task Denying_a_user_cancels_every_task_they_have_queued_waiting_interrupted_or_running_and_tells_the_admins_once()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var running = await Host.StartAsync("long job --project web", HostFixture.User);
        await Host.WaitForAsync(running, TaskState.Running);
        var queued = await Host.StartAsync("next job --project web", HostFixture.User);
        var interrupted = await Host.StartAsync("resumable job --project web", HostFixture.User);
        await InterruptAsync(interrupted); // as a restart leaves it; web is full, so it waits
        var waiting = await Host.StartAsync($"follow-up --after {running}", HostFixture.User);
        var theirs = await Host.StartAsync("their job --project docs", HostFixture.OtherUser);
        await Host.WaitForAsync(theirs, TaskState.Running);
        Assert.Equal(TaskState.Waiting, (await Host.TaskAsync(waiting))!.Status);

        Assert.False((await Host.CommandAsync("/deny 2", HostFixture.Admin)).IsProblem);

        foreach (var id in new[] { running, queued, interrupted, waiting })
        {
            var task = await Host.WaitForAsync(id, TaskState.Cancelled);
            Assert.Equal(NoLongerAllowed, task.Error);
            Assert.Equal(NoLongerAllowed, (await Host.HistoryAsync(id))[^1].Reason);
        }

        Assert.Equal(TaskState.Running, (await Host.TaskAsync(theirs))!.Status);
        await Eventually.UntilAsync(async () => await DeliveredDenialsAsync() == 1);
        var told = Assert.Single(Host.Transport.Replies, r => r.Message.ChatId == "1" && r.Reply.Text.Contains("User 2", StringComparison.Ordinal));
        Assert.Contains("4 active tasks were cancelled", told.Reply.Text, StringComparison.Ordinal);
        Assert.All(new[] { running, queued, interrupted, waiting }, id => Assert.Contains(id, told.Reply.Text, StringComparison.Ordinal));
        await Host.CommandAsync($"/taskstop {theirs}", HostFixture.OtherUser);
    }

    [Fact]
    public async Task A_task_whose_owner_is_no_longer_allowed_when_it_is_claimed_is_cancelled_without_running()
    {
        var blocking = await BlockWebAsync();
        var task = await Host.StartAsync("queued work --project web", HostFixture.User);
        await Host.SetUserRowAsync(HostFixture.UserId, allowed: false, admin: false);

        await Host.CommandAsync($"/taskstop {blocking}", HostFixture.OtherUser);

        Assert.Equal(NoLongerAllowed, (await Host.WaitForAsync(task, TaskState.Cancelled)).Error);
        Assert.DoesNotContain(Host.Gateway.Calls, c => c.Body.GetRawText().Contains("queued work", StringComparison.Ordinal));
        Assert.False(Host.Lookup.Owners.ContainsKey(task));
    }

    [Fact]
    public async Task A_waiting_task_whose_owner_is_no_longer_allowed_is_cancelled_when_it_would_be_released()
    {
        var blocking = await BlockWebAsync();
        var first = await Host.StartAsync("first step --project web", HostFixture.OtherUser);
        var then = await Host.StartAsync($"second step --after {first}", HostFixture.Admin);
        Assert.Equal(TaskState.Waiting, (await Host.TaskAsync(then))!.Status);
        await Host.SetUserRowAsync(HostFixture.AdminId, allowed: false, admin: false);

        await Host.CommandAsync($"/taskstop {blocking}", HostFixture.OtherUser);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(first)).Status);
        Assert.Equal(NoLongerAllowed, (await Host.WaitForAsync(then, TaskState.Cancelled)).Error);
        Assert.Equal([TaskState.Waiting, TaskState.Cancelled], (await Host.HistoryAsync(then)).Select(h => h.To));
    }

    [Fact]
    public async Task A_demoted_admins_task_runs_with_a_users_rights()
    {
        var blocking = await BlockWebAsync();
        var task = await Host.StartAsync("admin work --project web", HostFixture.Admin);
        Assert.Equal("Admin", (await Host.TaskAsync(task))!.OwnerKind);
        await Host.SetUserRowAsync(HostFixture.AdminId, allowed: true, admin: false);

        await Host.CommandAsync($"/taskstop {blocking}", HostFixture.OtherUser);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(task)).Status);
        Assert.Equal(new Actor(HostFixture.AdminId, ActorKind.User, "worker"), Host.Lookup.Owners[task]);
    }

    /// <summary>Another user's task holds the web project (limit 1) until it is stopped, so web tasks queue behind it.</summary>
    private async Task<string> BlockWebAsync()
    {
        Host.Gateway.Enqueue(FakeReply.Hanging());
        var blocking = await Host.StartAsync("blocking job --project web", HostFixture.OtherUser);
        // Its model call has taken the hanging reply: the tasks behind it get the default one.
        await Eventually.UntilAsync(() => Host.Gateway.Calls.Count == 1);
        return blocking;
    }

    private async Task InterruptAsync(string id)
    {
        await using var db = Host.OpenDatabase();
        Assert.Equal(1, await db.Tasks.Where(t => t.Id == id && t.Status == TaskState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TaskState.Interrupted).SetProperty(t => t.Version, t => t.Version + 1)));
    }

    private async Task<long> DeliveredDenialsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Host.CurrentDatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM kernel_outbox WHERE EventType LIKE '%.UserDenied' AND DispatchedAtUtc IS NOT NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
