using System.Text.Json;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class AgentLoopTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task The_model_calls_a_tool_reads_its_result_and_answers_with_each_step_checkpointed()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"tides"}""")),
            FakeReply.WithText("Tides: 42.", chunks: 2));

        var id = await Host.StartAsync("what about tides?", HostFixture.User);
        var task = await Host.WaitForAsync(id);

        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("Tides: 42.", task.Answer);
        Assert.Equal(2, task.Step);
        Assert.Equal(1, Host.Lookup.Calls);
        var calls = Host.Gateway.Calls.ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("lookup", calls[0].Tools!.Value[0].GetProperty("function").GetProperty("name").GetString());
        var second = calls[1].Messages.EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "tool"], second.Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("fact about tides: 42", second[2].GetProperty("content").ToString(), StringComparison.Ordinal);
        using var checkpoint = JsonDocument.Parse(task.CheckpointJson!);
        Assert.Equal(2, checkpoint.RootElement.GetProperty("step").GetInt32());
        Assert.Equal(4, checkpoint.RootElement.GetProperty("messages").GetArrayLength()); // prompt, tool call, tool result, answer
        var ledger = await LedgerKeysAsync(id);
        Assert.Equal([$"task:{id}:0:1", $"task:{id}:0:2"], ledger);
    }

    [Fact]
    public async Task A_tool_that_times_out_on_its_own_gives_the_model_an_error_and_the_task_goes_on()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "fetch", """{"url":"https://example.org/slow"}""")),
            FakeReply.WithText("The page did not load."));

        var id = await Host.StartAsync("read the page", HostFixture.User);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        var result = Host.Gateway.LastCall.Messages[2].GetProperty("content").ToString();
        Assert.Contains("error: The request was canceled due to the configured HttpClient.Timeout", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_the_model_invents_gets_an_error_result_and_the_task_goes_on()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "delete_everything", "{}")),
            FakeReply.WithText("I cannot do that."));

        var id = await Host.StartAsync("clean up", HostFixture.User);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        var result = Host.Gateway.LastCall.Messages[2].GetProperty("content").ToString();
        Assert.Contains("there is no tool named 'delete_everything'; the tools are lookup, fetch, whoami, hold, remove_file", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_that_never_stops_calling_tools_fails_at_the_step_limit()
    {
        Host.Gateway.DefaultReply = FakeReply.WithToolCalls(new FakeToolCall("call-x", "lookup", """{"topic":"more"}"""));

        var id = await Host.StartAsync("loop forever", HostFixture.User);
        var task = await Host.WaitForAsync(id);

        Assert.Equal(TaskState.Failed, task.Status);
        Assert.Contains("still calling tools after 20 steps", task.Error, StringComparison.Ordinal);
        Assert.Equal(20, Host.Gateway.Calls.Count);
    }

    [Fact]
    public async Task A_long_answer_arrives_as_a_markdown_document()
    {
        var answer = "# Report\n\n" + string.Join("\n", Enumerable.Range(1, 400).Select(i => $"- finding {i}"));
        Host.Gateway.Enqueue(FakeReply.WithText(answer, chunks: 5));

        var id = await Host.StartAsync("write a report", HostFixture.User);
        await Host.WaitForAsync(id);

        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Reply.Attachment is not null));
        var notice = Host.Transport.Replies.Single(r => r.Reply.Attachment is not null);
        Assert.Equal($"task-{id}.md", notice.Reply.Attachment!.FileName);
        Assert.Equal(answer, System.Text.Encoding.UTF8.GetString(notice.Reply.Attachment.Content.Span));
        Assert.Contains("# Report", notice.Reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_card_is_edited_in_place_while_the_task_runs_and_no_message_is_sent_per_beat()
    {
        Host.Gateway.Enqueue(new FakeReply { Text = "slow answer", Chunks = 10, ChunkDelay = TimeSpan.FromMilliseconds(300) });

        var id = await Host.StartAsync("slow", HostFixture.User);
        await Host.WaitForAsync(id);
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Edit && r.Reply.Text.StartsWith($"Task {id} · completed", StringComparison.Ordinal)));
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => !r.Edit && r.Reply.Text.StartsWith($"✅ Task {id} completed", StringComparison.Ordinal)));

        var card = Host.Transport.Replies.First(r => !r.Edit && r.Reply.Text.StartsWith($"Task {id}", StringComparison.Ordinal));
        var edits = Host.Transport.Replies.Where(r => r.Edit).ToList();
        Assert.All(edits, e => Assert.Equal(card.Message, e.Message));
        Assert.Contains(edits, e => e.Reply.Text.Contains("Now: writing the answer (step 1)", StringComparison.Ordinal));
        Assert.Contains(edits, e => e.Reply.Text.Contains("Spent: $", StringComparison.Ordinal));
        var sent = Host.Transport.Replies.Where(r => !r.Edit).Select(r => r.Reply.Text).ToList();
        Assert.Equal(2, sent.Count); // the card, then the completion notice
        Assert.StartsWith($"✅ Task {id} completed", sent[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_shows_the_output_so_far()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"x"}""")) with { Text = "Let me look." },
            FakeReply.WithText("Found it."));
        var id = await Host.StartAsync("find x", HostFixture.User);
        await Host.WaitForAsync(id);

        var log = await Host.CommandAsync($"/tasklog {id}", HostFixture.User);

        Assert.Equal($"Task {id} · completed · output:\n\nLet me look.\n\nFound it.", log.Text);
    }

    private async Task<List<string?>> LedgerKeysAsync(string taskId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Host.CurrentDatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT IdempotencyKey FROM costs_ledger WHERE TaskId = $task ORDER BY AtUtc";
        command.Parameters.AddWithValue("$task", taskId);
        var keys = new List<string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return keys;
    }
}
