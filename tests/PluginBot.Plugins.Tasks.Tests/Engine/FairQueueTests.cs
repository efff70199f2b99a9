using System.Globalization;
using System.Net;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Api;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Engine;

/// <summary>Two workers and at most three active tasks a person: few enough to fill from a test.</summary>
public sealed class FairQueueFixture : TasksFixture
{
    public const int Cap = 3;

    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Plugins:Tasks:Workers"] = "2",
        ["Plugins:Tasks:MaxRunning"] = "2",
        ["Plugins:Tasks:MaxActivePerUser"] = Cap.ToString(CultureInfo.InvariantCulture),
        // The tasks here hang until they are stopped; none may end by itself halfway through a test.
        ["Models:FirstTokenTimeoutSeconds"] = "600",
    };
}

[CollectionDefinition(Name)]
public sealed class FairQueueCollection : ICollectionFixture<FairQueueFixture>
{
    public const string Name = "fair-queue";
}

/// <summary>One person cannot fill the queue, nor hold every worker while others wait.</summary>
[Collection(FairQueueCollection.Name)]
public sealed class FairQueueTests(FairQueueFixture fixture) : HostTest<FairQueueFixture>(fixture)
{
    private const string Refusal =
        "You have 3 active tasks, the most one person may have (Plugins:Tasks:MaxActivePerUser). " +
        "Stop one with /taskstop ID (or POST /api/tasks/ID/stop), or wait for one to end; /taskstatus lists them.";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Host.Transport.Clear();
        Host.Gateway.Reset();
        Host.Gateway.DefaultReply = FakeReply.Hanging();
    }

    [Fact]
    public async Task A_task_past_the_per_user_cap_is_refused_with_the_cap_and_how_to_free_a_place()
    {
        var mine = new List<string>();
        for (var i = 0; i < FairQueueFixture.Cap; i++)
        {
            mine.Add(await Host.StartAsync($"job {i}", HostFixture.User));
        }

        var refused = await Host.CommandAsync("/task one too many", HostFixture.User);
        using var overHttp = await Host.CreateClient(await Host.CreateUserTokenAsync(HostFixture.UserId)).PostTaskAsync(new { prompt = "over http" });

        Assert.True(refused.IsProblem);
        Assert.Equal(Refusal, refused.Text);
        Assert.Equal(HttpStatusCode.Conflict, overHttp.StatusCode);
        Assert.Contains("Plugins:Tasks:MaxActivePerUser", await overHttp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(FairQueueFixture.Cap, (await Host.TasksAsync()).Count);

        // Someone else still has their places, and a stopped task frees one.
        var theirs = await Host.StartAsync("their job", HostFixture.OtherUser);
        await Host.CommandAsync($"/taskstop {mine[0]}", HostFixture.User);
        var again = await Host.StartAsync("now it fits", HostFixture.User);

        foreach (var id in mine.Skip(1).Append(theirs).Append(again))
        {
            await Host.CommandAsync($"/taskstop {id}", HostFixture.Admin);
        }
    }

    [Fact]
    public async Task A_freed_worker_takes_another_owners_task_before_the_next_of_the_owner_who_queued_first()
    {
        var mine = new List<string>();
        for (var i = 0; i < FairQueueFixture.Cap; i++)
        {
            mine.Add(await Host.StartAsync($"job {i}", HostFixture.User));
        }

        await Host.WaitForAsync(mine[0], TaskState.Running);
        await Host.WaitForAsync(mine[1], TaskState.Running);
        var theirs = await Host.StartAsync("their job", HostFixture.OtherUser);
        Assert.Equal(TaskState.Queued, (await Host.TaskAsync(mine[2]))!.Status);

        await Host.CommandAsync($"/taskstop {mine[0]}", HostFixture.User);

        // One worker came free: it goes to the owner with nothing running, though the other's task is older.
        await Host.WaitForAsync(theirs, TaskState.Running, TimeSpan.FromSeconds(10));
        Assert.Equal(TaskState.Queued, (await Host.TaskAsync(mine[2]))!.Status);

        await Host.CommandAsync($"/taskstop {mine[1]}", HostFixture.User);
        await Host.WaitForAsync(mine[2], TaskState.Running);
        await Host.CommandAsync($"/taskstop {mine[2]}", HostFixture.User);
        await Host.CommandAsync($"/taskstop {theirs}", HostFixture.OtherUser);
    }
}
