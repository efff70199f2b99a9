using System.Net;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Tests.Api;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Tasks.Tests.Features;

/// <summary>The task contracts of Abstractions, used as another plugin uses them: requests through the pipeline, events.</summary>
public sealed class TaskContractTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task The_same_idempotency_key_twice_queues_one_task_and_answers_it_both_times()
    {
        var key = $"schedule:test:{Guid.NewGuid():N}";
        var request = new EnqueueTask("nightly report") { Owner = HostFixture.User, Origin = "schedule:test", IdempotencyKey = key, Budget = Usd.FromDollars(0.25m) };

        var first = await Host.SendAsync(request, Actor.System("schedule"));
        var second = await Host.SendAsync(request, Actor.System("schedule"));

        Assert.Equal(first.Id, second.Id);
        Assert.Single(await Host.TasksAsync(), t => t.IdempotencyKey == key);
        Assert.Equal((HostFixture.UserId, "schedule:test", Usd.FromDollars(0.25m)), (first.OwnerId, first.Origin, first.Budget));
        await Host.WaitForAsync(first.Id, TaskState.Completed);
    }

    [Fact]
    public async Task Only_admins_and_the_bot_queue_a_task_for_someone_else_and_a_task_always_has_a_person_as_owner()
    {
        var forOther = new EnqueueTask("not yours to queue") { Owner = HostFixture.OtherUser };
        var forSystem = new EnqueueTask("nobody's") { Owner = Actor.System("schedule") };
        var forStranger = new EnqueueTask("for a stranger") { Owner = new Actor(424242, ActorKind.User, "schedule") };

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => Host.SendAsync(forOther, HostFixture.User));
        var noPerson = await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(forSystem, Actor.System("schedule")));
        var stranger = await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(forStranger, Actor.System("schedule")));
        var byAdmin = await Host.SendAsync(forOther, HostFixture.Admin);

        Assert.Equal("Only admins and the bot itself can queue a task for someone else.", refused.Message);
        Assert.Equal("owner", Assert.Single(noPerson.Errors).Field);
        Assert.Contains("not on the allow-list", Assert.Single(stranger.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(HostFixture.OtherUserId, byAdmin.OwnerId);
        await Host.WaitForAsync(byAdmin.Id, TaskState.Completed);
    }

    [Fact]
    public async Task One_GetTask_serves_the_chat_card_and_the_api()
    {
        var id = await Host.StartAsync("one view, two transports", HostFixture.User);
        await Host.WaitForAsync(id, TaskState.Completed);
        using var client = Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId));

        var card = await Host.CommandAsync($"/taskstatus {id}", HostFixture.User);
        var json = await client.GetJsonAsync($"/api/tasks/{id}");
        var view = await Host.SendAsync(new GetTask(id), HostFixture.User);

        Assert.StartsWith($"Task {id} · completed", card.Text, StringComparison.Ordinal);
        Assert.Contains($"Spent: {view.Spent}", card.Text, StringComparison.Ordinal);
        Assert.Equal((id, "completed"), (json.GetProperty("id").GetString(), json.GetProperty("state").GetString()));
        Assert.Equal(view.Spent!.Cost.Dollars, json.GetProperty("spent").GetProperty("cost").GetDecimal());
        var served = Host.Sent.All.Where(s => s.Value is GetTask get && get.TaskId == id).Select(s => s.Transport).ToList();
        Assert.Equal([HostFixture.User.Transport, "http", HostFixture.User.Transport], served);
    }

    [Fact]
    public async Task Every_change_of_state_is_published_in_order_and_the_end_once()
    {
        var id = await Host.StartAsync("followed from outside", HostFixture.User);
        await Host.WaitForAsync(id, TaskState.Completed);

        await Eventually.UntilAsync(() => Host.Events.ChangesOf(id).Any(c => c.To == TaskState.Completed) && Host.Events.Finished.Any(f => f.TaskId == id));
        var changes = Host.Events.ChangesOf(id);
        Assert.Equal([(null, TaskState.Queued), (TaskState.Queued, TaskState.Running), (TaskState.Running, TaskState.Completed)], changes.Select(c => (c.From, c.To)));
        Assert.All(changes, c => Assert.Equal(("chat", HostFixture.UserId), (c.Origin, c.OwnerId)));
        var finished = Assert.Single(Host.Events.Finished, f => f.TaskId == id);
        Assert.Equal(TaskState.Completed, finished.State);
    }

    [Fact]
    public async Task Reading_spend_for_a_card_as_the_bot_is_logged_with_the_tasks_plugins_id()
    {
        var id = await Host.StartAsync("a card with spend", HostFixture.User);
        await Host.WaitForAsync(id, TaskState.Completed);

        Assert.Contains(Host.Logs.Lines, l => l.Contains("Plugin tasks sends GetSpend as system/worker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_is_paged_and_filtered_by_origin()
    {
        var origin = $"test:{Guid.NewGuid():N}";
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await Host.SendAsync(new EnqueueTask($"paged {i}") { Origin = origin }, HostFixture.User)).Id);
        }

        var first = await Host.SendAsync(new ListTasks { Origin = origin, Take = 2 }, HostFixture.User);
        var rest = await Host.SendAsync(new ListTasks { Origin = origin, Take = 2, Skip = 2 }, HostFixture.User);

        Assert.True(first.More);
        Assert.False(rest.More);
        Assert.Equal(ids.AsEnumerable().Reverse(), first.Tasks.Concat(rest.Tasks).Select(t => t.Id));
        foreach (var id in ids)
        {
            await Host.WaitForAsync(id, TaskState.Completed);
        }
    }
}
