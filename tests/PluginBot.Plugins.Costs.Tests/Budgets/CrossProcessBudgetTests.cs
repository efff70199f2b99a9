using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Budgets;

/// <summary>
/// Two hosts on one database file, as the bot and <c>pluginbot ask</c> beside it: each has its own in-process
/// reservation lock, so only the database can keep them from both passing the same nearly spent budget. The window
/// between one host's check and its reservation is a millisecond, so a gate without the write transaction passes this
/// too on most runs: it guards the rule, it does not reliably catch the race.
/// </summary>
public sealed class CrossProcessBudgetTests(CostsFixture fixture) : CostsTest(fixture)
{
    private const long CallMicros = (12 * CostsFixture.InputMicrosPerToken) + (7 * CostsFixture.OutputMicrosPerToken);
    private const int Rounds = 3;
    private const int CallsPerHost = 10;

    [Fact]
    public async Task Two_hosts_racing_many_calls_at_a_nearly_spent_budget_let_one_call_through_each_time()
    {
        await using var second = new CostsFixture { DatabasePath = Host.CurrentDatabasePath };
        await second.InitializeAsync();
        var slow = new FakeReply { Text = "slow answer", Chunks = 3, ChunkDelay = TimeSpan.FromMilliseconds(20) };
        (Host.Gateway.DefaultReply, second.Gateway.DefaultReply) = (slow, slow);

        // Each round is a task whose cap one call has all but spent: one more call may start, not two.
        for (var round = 0; round < Rounds; round++)
        {
            var task = $"race-{round}";
            var cap = CallMicros + 1;
            await Host.CallAsync(HostFixture.User, taskId: task, capMicros: cap);

            var calls = Enumerable.Range(0, CallsPerHost).SelectMany(_ => new[] { Host, second }).Select(host => TryCallAsync(host, task, cap)).ToList();
            var outcomes = await Task.WhenAll(calls);

            var rows = (await Host.LedgerAsync()).Where(r => r.TaskId == task).ToList();
            Assert.True(outcomes.Count(ok => ok) == 1, $"round {round}: {outcomes.Count(ok => ok)} calls passed a budget with room for one");
            Assert.Equal(2, rows.Count);
            Assert.True(rows.Sum(r => r.CostMicros) - cap <= rows.Max(r => r.ReservedMicros), $"round {round}: spent {rows.Sum(r => r.CostMicros)} against {cap}");
            Assert.All(rows, r => Assert.Equal(LedgerStatus.Settled, r.Status));
        }
    }

    private static async Task<bool> TryCallAsync(CostsFixture host, string task, long cap)
    {
        try
        {
            await host.CallAsync(HostFixture.User, taskId: task, capMicros: cap);
            return true;
        }
        catch (BudgetExceededException)
        {
            return false;
        }
    }
}
