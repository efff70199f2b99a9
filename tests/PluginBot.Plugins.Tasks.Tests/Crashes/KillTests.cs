using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;
using Xunit.Abstractions;

namespace PluginBot.Plugins.Tasks.Tests.Crashes;

/// <summary>Crash tests run one at a time: each kills and restarts a real host process many times.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CrashCollection
{
    public const string Name = "crashes";
}

/// <summary>
/// The SIGKILL proof: the real host runs multi-step tasks against a slow streaming fake gateway and is killed at
/// random points (while its workers start and the API does not answer yet, during streamed answers, right after an
/// answer: its settlement, checkpoint, "done" and "told"), then restarted on the same data until every task is final.
/// Then every task must be completed with its whole output once, every model call must have exactly one ledger row
/// (Settled, or Interrupted when a kill cut it), and a step may be called again only after a kill that came before
/// its checkpoint (a call that ended and was settled just before such a kill is paid twice: at-least-once, by design
/// of a checkpoint after the call). The seed is random per run and printed on failure; set CRASH_SEED to replay one,
/// and CRASH_KILLS for a longer run with that many kills per scenario. A kill during the start-up migration: see
/// <see cref="A_host_killed_while_migrating_starts_again"/>.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class KillTests(ITestOutputHelper output)
{

    [Theory]
    [InlineData("multi-step", 6, 4, 3, 10)]
    [InlineData("many-tasks", 10, 3, 4, 11)]
    public async Task Every_task_completes_with_its_whole_output_once_after_SIGKILLs_at_random_points(string name, int tasks, int steps, int workers, int kills)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        kills = int.TryParse(Environment.GetEnvironmentVariable("CRASH_KILLS"), CultureInfo.InvariantCulture, out var more) ? more : kills;
        output.WriteLine($"{name}: seed {seed} (replay with CRASH_SEED={seed}), {kills} kills");
        await using var scenario = new KillScenario(name, seed, tasks, steps, workers, output);
        try
        {
            await scenario.RunAsync(kills);
            await scenario.VerifyAsync();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                $"Crash scenario '{name}' failed with seed {seed} (replay with CRASH_SEED={seed}): {ex.Message}\n--- last host output ---\n{scenario.LastOutput}", ex);
        }
    }

    /// <summary>
    /// A tool's result is checkpointed as soon as it returns: the model's first turn asks for <c>note</c> and then
    /// <c>hold</c>; the host is killed while <c>hold</c> runs (after <c>note</c> ran, before the next model call).
    /// After the restart <c>note</c> does not run again, <c>hold</c> (which never returned) does, the model is not asked
    /// for the first turn again, and the task completes with its whole output once.
    /// </summary>
    [Fact]
    public async Task A_tool_that_ran_before_a_SIGKILL_does_not_run_again_and_the_task_completes()
    {
        await using var scenario = new KillScenario("tool-kill", 0, 1, 2, 1, output);
        try
        {
            await scenario.RunToolKillAsync();
            await scenario.VerifyAsync();
            var runs = scenario.ToolRuns;
            Assert.Single(runs, r => r.StartsWith("note ", StringComparison.Ordinal) && r.EndsWith(" step 1", StringComparison.Ordinal));
            Assert.Equal(2, runs.Count(r => r.StartsWith("hold ", StringComparison.Ordinal)));
            Assert.Single(scenario.CallsOf(1));
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"{ex.Message}\ntool runs: {string.Join(", ", scenario.ToolRuns)}\n--- last host output ---\n{scenario.LastOutput}", ex);
        }
    }

    /// <summary>
    /// A SIGKILL while the host migrates its database leaves EF Core's SQLite migration lock, a committed row in
    /// <c>__EFMigrationsLock</c>, behind; the next start must not wait for it forever. Reproduced here with the row
    /// such a kill leaves.
    /// </summary>
    [Fact]
    public async Task A_host_killed_while_migrating_starts_again()
    {
        await using var scenario = new KillScenario("migration-lock", 0, 0, 1, 1, output);
        await scenario.StartOnceAsync();
        await using (var connection = new SqliteConnection($"Data Source={scenario.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK___EFMigrationsLock\" PRIMARY KEY, \"Timestamp\" TEXT NOT NULL);"
                + "INSERT OR IGNORE INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00');";
            await command.ExecuteNonQueryAsync();
        }

        await scenario.StartOnceAsync(); // times out: the host waits for the lock forever
    }
}
