using Microsoft.Data.Sqlite;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class StartTaskTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task A_task_runs_in_the_background_and_reports_its_answer_and_spend()
    {
        Host.Gateway.Enqueue(FakeReply.WithText("The last commit looks fine.", chunks: 3));

        var id = await Host.StartAsync("review the last commit --budget 0.50", HostFixture.User);

        var task = await Host.WaitForAsync(id);
        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("The last commit looks fine.", task.Answer);
        Assert.Equal(500_000L, task.BudgetCapMicros);
        var history = await Host.HistoryAsync(id);
        Assert.Equal([TaskState.Queued, TaskState.Running, TaskState.Completed], history.Select(h => h.To));
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Text.Contains($"Task {id} completed", StringComparison.Ordinal)));
        var notice = Host.Transport.Replies.Last(r => r.Reply.Text.Contains($"Task {id} completed", StringComparison.Ordinal));
        Assert.Contains("The last commit looks fine.", notice.Reply.Text, StringComparison.Ordinal);
        Assert.Contains("spent $0.026", notice.Reply.Text, StringComparison.Ordinal);
        var call = Assert.Single(Host.Gateway.Calls);
        Assert.Equal("review the last commit", call.Messages[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task A_queued_tasks_card_shows_its_spend_and_follows_its_place_in_the_queue()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        var running = await Host.StartAsync("first --project web", HostFixture.User);
        await Host.WaitForAsync(running, TaskState.Running);
        var ahead = await Host.StartAsync("second --project web", HostFixture.User);
        var queued = await Host.StartAsync("third --project web", HostFixture.User);
        var card = Host.Transport.Replies.Last(r => !r.Edit && r.Reply.Text.StartsWith($"Task {queued} · queued", StringComparison.Ordinal));
        Assert.Contains("Position 2 in the queue", card.Reply.Text, StringComparison.Ordinal);
        Assert.Contains("Spent: $0", card.Reply.Text, StringComparison.Ordinal);

        await Host.CommandAsync($"/taskstop {ahead}", HostFixture.User);

        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r =>
            r.Edit && r.Message == card.Message && r.Reply.Text.Contains("Position 1 in the queue", StringComparison.Ordinal)));
        await Host.CommandAsync($"/taskstop {queued}", HostFixture.User);
        await Host.CommandAsync($"/taskstop {running}", HostFixture.User);
    }

    [Fact]
    public async Task A_completion_notice_that_could_not_be_sent_is_sent_again_later()
    {
        var chatFails = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Gateway.Enqueue(FakeReply.WithText("Done at last.", chunks: 2) with { HoldUntil = chatFails.Task });
        var id = await Host.StartAsync("slow but sure", HostFixture.User);
        var chat = GatewayHostFixture.ChatOf(HostFixture.User).ChatId;
        Host.Transport.FailFor.Add(chat); // the chat is unreachable when the task ends
        chatFails.SetResult();
        try
        {
            Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
            await Eventually.UntilAsync(async () => await NoticeAttemptsAsync(id) >= 1);
        }
        finally
        {
            Host.Transport.FailFor.Clear();
        }

        // The kernel outbox tries again after its back-off (its own tests time that): the test makes it due now.
        await NoticeDueNowAsync(id);
        await Host.DeliverOutboxAsync();

        var notice = Assert.Single(Host.Transport.Replies, r => !r.Edit && r.Reply.Text.Contains($"Task {id} completed", StringComparison.Ordinal));
        Assert.Contains("Done at last.", notice.Reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, await NoticeAttemptsAsync(id));
    }

    /// <summary>Ends the back-off of the task's <c>TaskFinished</c> in the kernel outbox.</summary>
    private async Task NoticeDueNowAsync(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={Host.CurrentDatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE kernel_outbox SET NextAttemptAtUtc = NULL WHERE DispatchedAtUtc IS NULL AND EventType LIKE '%TaskFinished' AND PayloadJson LIKE $id";
        command.Parameters.AddWithValue("$id", $"%{id}%");
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>How often the kernel outbox has tried to deliver the task's <c>TaskFinished</c>.</summary>
    private async Task<long> NoticeAttemptsAsync(string id)
    {
        await using var connection = new SqliteConnection($"Data Source={Host.CurrentDatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(Attempts), 0) FROM kernel_outbox WHERE EventType LIKE '%TaskFinished' AND PayloadJson LIKE $id";
        command.Parameters.AddWithValue("$id", $"%{id}%");
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
