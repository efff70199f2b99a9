using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class AuthorizationTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Theory]
    [InlineData("/taskstop {0}")]
    [InlineData("/tasklog {0}")]
    [InlineData("/taskstatus {0}")]
    [InlineData("/taskretry {0}")]
    public async Task Another_user_cannot_act_on_a_task_by_command(string line)
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var id = await Host.StartAsync("secret plans", HostFixture.User);
        await Host.WaitForAsync(id, TaskState.Running);

        var reply = await Host.CommandAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, id), HostFixture.OtherUser);

        // The same answer as for an id that does not exist, so ids cannot be probed for.
        Assert.True(reply.IsProblem);
        Assert.Equal($"There is no task '{id}'. Task ids are 6 letters and digits, like k3x9p2; /taskstatus lists yours.", reply.Text);
        Assert.DoesNotContain("secret plans", reply.Text, StringComparison.Ordinal);
        Assert.Equal(TaskState.Running, (await Host.TaskAsync(id))!.Status);
        await Host.CommandAsync($"/taskstop {id}", HostFixture.User);
    }

    [Fact]
    public async Task Another_user_cannot_press_the_buttons_of_a_task_card()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var id = await Host.StartAsync("secret plans", HostFixture.User);
        var card = Host.Transport.Replies.First(r => !r.Edit && r.Reply.Text.StartsWith($"Task {id}", StringComparison.Ordinal));

        var stop = await Host.PressAsync(card.Button("Stop"), HostFixture.OtherUser);
        var log = await Host.PressAsync(card.Button("Log"), HostFixture.OtherUser);

        Assert.True(stop.IsProblem);
        Assert.True(log.IsProblem);
        Assert.False((await Host.TaskAsync(id))!.Status.IsFinal());
        await Host.CommandAsync($"/taskstop {id}", HostFixture.User);
    }

    [Fact]
    public async Task An_admin_can_see_and_stop_anyones_task()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var id = await Host.StartAsync("user work", HostFixture.User);
        var card = Host.Transport.Replies.First(r => !r.Edit && r.Reply.Text.StartsWith($"Task {id}", StringComparison.Ordinal));

        var status = await Host.CommandAsync($"/taskstatus {id}", HostFixture.Admin);
        var all = await Host.CommandAsync("/taskstatus --all", HostFixture.Admin);
        var stopped = await Host.PressAsync(card.Button("Stop"), HostFixture.Admin);

        Assert.StartsWith($"Task {id}", status.Text, StringComparison.Ordinal);
        Assert.Contains($"{id} · ", all.Text, StringComparison.Ordinal);
        Assert.Contains("user 2", all.Text, StringComparison.Ordinal);
        Assert.Equal($"Stopped task {id}.", stopped.Text);
        Assert.Contains("stopped by admin:1", (await Host.HistoryAsync(id))[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_sees_only_their_own_tasks_and_cannot_ask_for_everyones()
    {
        var mine = await Host.StartAsync("mine", HostFixture.User);
        var theirs = await Host.StartAsync("theirs", HostFixture.OtherUser);
        await Host.WaitForAsync(mine);
        await Host.WaitForAsync(theirs);

        var list = await Host.CommandAsync("/taskstatus", HostFixture.User);
        var everyone = await Host.CommandAsync("/taskstatus --all", HostFixture.User);

        Assert.Contains(mine, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("theirs", list.Text, StringComparison.Ordinal);
        Assert.True(everyone.IsProblem);
        Assert.Contains("Only admins can see everyone's tasks", everyone.Text, StringComparison.Ordinal);
    }
}

public sealed class AuditTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task Every_task_command_that_changes_something_is_written_to_the_audit_log_with_who_sent_it_and_reads_are_not()
    {
        var id = await Host.StartAsync("audited work", HostFixture.User);
        await Host.WaitForAsync(id);
        foreach (var line in new[] { $"/taskstatus {id}", "/taskstatus", $"/tasklog {id}", $"/taskstop {id}", $"/taskretry {id}", "/project docs" })
        {
            await Host.CommandAsync(line, HostFixture.User);
        }

        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Host.CurrentDatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Action FROM kernel_audit_log WHERE ActorId = 2 ORDER BY Id";
        var actions = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                actions.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["EnqueueTask", "StopTask", "RetryTask.Command", "SetProject.Command"], actions);
    }
}
