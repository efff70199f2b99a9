using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Budgets;

/// <summary>
/// Two hosts on one database file, as the bot and <c>pluginbot ask</c> beside it: each has its own in-process
/// reservation lock, so only the database can keep them from both passing the same nearly spent budget. A third
/// writer holds the file while the calls arrive, so a gate that reads the spend before it takes the write lock is
/// caught every time, not only when the millisecond between its check and its reservation happens to overlap.
/// </summary>
public sealed class CrossProcessBudgetTests(CostsFixture fixture) : CostsTest(fixture)
{
    private const long CallMicros = (12 * CostsFixture.InputMicrosPerToken) + (7 * CostsFixture.OutputMicrosPerToken);
    private const int Rounds = 3;
    private const int CallsPerHost = 10;

    [Fact]
    public async Task Two_hosts_racing_many_calls_at_a_nearly_spent_budget_let_one_call_through_each_time()
    {
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), ports); // see the test below
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

            // Held by a third writer as the calls arrive, as in the test below, so that the race is not left to luck.
            using var holder = Hold(Host.CurrentDatabasePath);
            var calls = Enumerable.Range(0, CallsPerHost).SelectMany(_ => new[] { Host, second }).Select(host => Task.Run(() => TryCallAsync(host, task, cap))).ToList();
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            Execute(holder, "ROLLBACK");
            var outcomes = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

            var rows = (await Host.LedgerAsync()).Where(r => r.TaskId == task).ToList();
            Assert.True(outcomes.Count(ok => ok) == 1, $"round {round}: {outcomes.Count(ok => ok)} calls passed a budget with room for one");
            Assert.Equal(2, rows.Count);
            Assert.True(rows.Sum(r => r.CostMicros) - cap <= rows.Max(r => r.ReservedMicros), $"round {round}: spent {rows.Sum(r => r.CostMicros)} against {cap}");
            Assert.All(rows, r => Assert.Equal(LedgerStatus.Settled, r.Status));
        }
    }

    [Fact]
    public async Task Two_hosts_whose_checks_wait_on_the_same_writer_let_only_one_call_through()
    {
        // SQLite waits for a busy file on the calling thread: while the file is held below, both gates and every
        // background loop of both hosts block a pool thread, more than a 2-core machine starts with.
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), ports);
        await using var second = new CostsFixture { DatabasePath = Host.CurrentDatabasePath };
        await second.InitializeAsync();
        var cap = CallMicros + 1;
        await Host.CallAsync(HostFixture.User, taskId: "held", capMicros: cap);

        // A third process holds the file's write lock while both calls arrive. A gate that reads the spend before it
        // takes the lock reads it now, and both pass once the lock is free; the hold widens that window, and one
        // that takes the lock first must give the same answer however long the hold lasts.
        using var holder = Hold(Host.CurrentDatabasePath);
        // On pool threads: SQLite's wait for the file is synchronous, and would otherwise hold this thread too.
        var calls = new[] { Task.Run(() => TryCallAsync(Host, "held", cap)), Task.Run(() => TryCallAsync(second, "held", cap)) };
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Execute(holder, "ROLLBACK");
        var outcomes = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, outcomes.Count(ok => ok));
        var rows = (await Host.LedgerAsync()).Where(r => r.TaskId == "held").ToList();
        Assert.Equal(2, rows.Count);
    }

    /// <summary>A connection that holds the file's write lock until it runs <c>ROLLBACK</c>.</summary>
    private static Microsoft.Data.Sqlite.SqliteConnection Hold(string path)
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Default Timeout=30");
        connection.Open();
        Execute(connection, "BEGIN IMMEDIATE");
        return connection;
    }

    private static void Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
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
