using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Tasks;
using PluginBot.Host.Plugins;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Cards;

/// <summary>Costs is an optional dependency of Tasks: here it is disabled, so Tasks runs without it.</summary>
public sealed class WithoutCostsFixture : TasksFixture
{
    protected override IReadOnlyDictionary<string, string?> Extra => new Dictionary<string, string?>
    {
        ["Plugins:Costs:Enabled"] = "false",
    };
}

[CollectionDefinition(Name)]
public sealed class WithoutCostsCollection : ICollectionFixture<WithoutCostsFixture>
{
    public const string Name = "tasks without costs";
}

[Collection(WithoutCostsCollection.Name)]
public sealed class WithoutCostsTests(WithoutCostsFixture fixture) : HostTest<WithoutCostsFixture>(fixture)
{
    [Fact]
    public async Task Without_costs_a_task_runs_and_its_card_says_the_spend_is_unknown_without_asking_for_it()
    {
        Assert.Equal(PluginStatus.Disabled, Host.Services.GetRequiredService<PluginCatalog>().Find("costs")!.Status);
        Host.Gateway.Enqueue(FakeReply.WithText("Done.", chunks: 1));

        var id = await Host.StartAsync("summarise the readme", HostFixture.User);

        Assert.Equal(TaskState.Completed, (await Host.WaitForAsync(id)).Status);
        var status = await Host.CommandAsync($"/taskstatus {id}", HostFixture.User);
        Assert.Contains("Spent: unknown", status.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Logs.Lines, l => l.Contains("Could not read the spend", StringComparison.Ordinal) || l.Contains(nameof(Abstractions.Costs.GetSpend), StringComparison.Ordinal));
    }
}
