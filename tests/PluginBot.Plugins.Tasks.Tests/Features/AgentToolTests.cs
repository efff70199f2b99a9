using System.Text.Json;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Features;

/// <summary>Tools that use the task's services, tools that need approval, and a result saved for every call.</summary>
public sealed class AgentToolTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task A_tool_resolves_scoped_services_of_its_task_and_sees_the_owner_as_actor()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "whoami", "{}"), new FakeToolCall("call-2", "whoami", "{}")),
            FakeReply.WithText("You are you."),
            FakeReply.WithToolCalls(new FakeToolCall("call-3", "whoami", "{}")),
            FakeReply.WithText("Still you."));

        var first = await Host.StartAsync("who am I?", HostFixture.User);
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(first)).Status);
        var second = await Host.StartAsync("who am I now?", HostFixture.User);
        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(second)).Status);

        var seen = Host.Agent.Seen.ToList();
        Assert.Equal(3, seen.Count);
        Assert.All(seen, s => Assert.Equal(HostFixture.User.Id, s.Actor?.Id));
        Assert.Same(seen[0].Probe, seen[1].Probe); // one scope for the task's calls
        Assert.NotSame(seen[0].Probe, seen[2].Probe); // and another for the next task
        Assert.Contains($"you are {seen[0].Actor}", Host.Gateway.Calls.ElementAt(1).Messages[2].GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_needs_approval_waits_on_the_card_and_runs_once_it_is_approved()
    {
        var answer = new TaskCompletionSource<ToolApproval>(TaskCreationOptions.RunContinuationsAsynchronously);
        Host.Approvals.Answer = (_, cancellationToken) => answer.Task.WaitAsync(cancellationToken);
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "remove_file", """{"path":"/tmp/old.log"}""")),
            FakeReply.WithText("Removed."));

        var id = await Host.StartAsync("tidy up", HostFixture.User);
        await Eventually.UntilAsync(() => !Host.Approvals.Asked.IsEmpty);
        await Eventually.UntilAsync(() => Host.Transport.Replies.Any(r => r.Edit && r.Reply.Text.Contains("Now: waiting for approval of remove_file on /tmp/old.log", StringComparison.Ordinal)));
        Assert.Empty(Host.Agent.Removed);
        answer.SetResult(ToolApproval.Approve());

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        Assert.Equal(["/tmp/old.log"], Host.Agent.Removed);
        var request = Assert.Single(Host.Approvals.Asked);
        Assert.Equal((id, HostFixture.User.Id, "remove_file", "call-1"), (request.Task.Id, request.Task.Owner.Id, request.Tool, request.CallId));
        Assert.Equal("/tmp/old.log", Assert.IsType<JsonElement>(request.Arguments["path"]).GetString());
    }

    [Fact]
    public async Task A_denied_call_does_not_run_and_the_model_reads_the_denial_as_its_result()
    {
        Host.Approvals.Answer = (_, _) => Task.FromResult(ToolApproval.Deny("not on Fridays"));
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "remove_file", """{"path":"/srv/data"}""")),
            FakeReply.WithText("I was not allowed to."));

        var id = await Host.StartAsync("remove the data", HostFixture.User);
        var task = await Host.WaitForAsync(id);

        Assert.Equal(TaskState.Completed, task.Status);
        Assert.Equal("I was not allowed to.", task.Answer);
        Assert.Empty(Host.Agent.Removed);
        var result = Host.Gateway.LastCall.Messages[2].GetProperty("content").ToString();
        Assert.Contains("the owner denied this call of remove_file, so it did not run: not on Fridays", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_needs_no_approval_is_not_asked_about()
    {
        Host.Gateway.Enqueue(
            FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"tides"}""")),
            FakeReply.WithText("Tides: 42."));

        var id = await Host.StartAsync("tides?", HostFixture.User);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        Assert.Empty(Host.Approvals.Asked);
    }

    [Fact]
    public async Task Each_tool_result_is_checkpointed_before_the_next_call_runs()
    {
        Host.Agent.HoldUntilCancelled = true;
        Host.Gateway.Enqueue(FakeReply.WithToolCalls(new FakeToolCall("call-1", "lookup", """{"topic":"moon"}"""), new FakeToolCall("call-2", "hold", "{}")));

        var id = await Host.StartAsync("look and hold", HostFixture.User);
        await Host.Agent.Holding.WaitAsync(TimeSpan.FromSeconds(30));

        // hold runs now: lookup's result is already in the checkpoint, with the model's turn that asked for both.
        var running = await Host.TaskAsync(id);
        using var checkpoint = JsonDocument.Parse(running!.CheckpointJson!);
        Assert.Equal(1, checkpoint.RootElement.GetProperty("step").GetInt32());
        var messages = checkpoint.RootElement.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal(["user", "assistant", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        var result = Assert.Single(messages[2].GetProperty("contents").EnumerateArray());
        Assert.Equal("call-1", result.GetProperty("callId").GetString());
        await Host.CommandAsync($"/taskstop {id}", HostFixture.User);
        await Host.WaitForAsync(id);
    }
}
