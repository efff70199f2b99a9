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

/// <summary>What a finished scenario must show: every task completed once with its whole output, one ledger row per model call.</summary>
internal sealed partial class KillScenario
{
    public async Task VerifyAsync()
    {
        await using var db = new TasksDbContext(new DbContextOptionsBuilder<TasksDbContext>().UseSqlite($"Data Source={DatabasePath};Default Timeout=30").Options);
        var ledger = await LedgerAsync();
        var finalStart = _runs.Count > 0 ? _host!.StartedAt : DateTimeOffset.MinValue;
        var rerunsAfterSettle = 0;
        foreach (var (id, prompt) in _prompts)
        {
            try
            {
                rerunsAfterSettle += await VerifyTaskAsync(db, ledger, finalStart, id, prompt);
            }
            catch (Exception ex)
            {
                var history = await db.Transitions.AsNoTracking().Where(t => t.TaskId == id).OrderBy(t => t.Id).ToListAsync();
                var calls = _gateway.StepCalls.Where(c => c.Prompt == prompt).OrderBy(c => c.StartedAt);
                throw new InvalidOperationException(
                    $"{ex.Message}\nhistory:\n{string.Join('\n', history.Select(h => $"  {h.AtUtc:HH:mm:ss.fff} {h.From} -> {h.To} by {h.By}: {h.Reason}"))}"
                    + $"\ncalls:\n{string.Join('\n', calls.Select(c => $"  {c.StartedAt:HH:mm:ss.fff} run {c.Run} step {c.Step} ({c.Messages} messages){(c.Delivered ? " delivered" : "")}"))}"
                    + $"\nledger:\n{string.Join('\n', ledger.Where(r => r.TaskId == id).OrderBy(r => r.AtUtc).Select(r => $"  {r.AtUtc:HH:mm:ss.fff} {r.Key} {r.Status}"))}"
                    + $"\nruns (killed):\n{string.Join('\n', _runs.Select(r => $"  {r.Started:HH:mm:ss.fff} - {r.Ended:HH:mm:ss.fff} {r.Phase}"))}\n  final from {finalStart:HH:mm:ss.fff}",
                    ex);
            }
        }

        output.WriteLine($"{name}: verified; {ledger.Count(r => r.Status == "Interrupted")} interrupted ledger row(s), {rerunsAfterSettle} step(s) called again after a settled call whose checkpoint a kill prevented");
    }

    private async Task<int> VerifyTaskAsync(TasksDbContext db, List<LedgerEntry> ledger, DateTimeOffset finalStart, string id, string prompt)
    {
        var rerunsAfterSettle = 0;
        {
            var task = await db.Tasks.AsNoTracking().SingleAsync(t => t.Id == id);
            Assert.True(task.Status == TaskState.Completed, $"task {id} ({prompt}) is {task.Status}: {task.Error}");
            Assert.Equal(steps, task.Step);

            // Its whole output, each step's text once, in order.
            var rows = await db.Output.AsNoTracking().Where(o => o.TaskId == id).OrderBy(o => o.Id).ToListAsync();
            Assert.Equal(_gateway.OutputOf(prompt), string.Concat(rows.Select(r => r.Text)));
            Assert.Equal(Enumerable.Range(1, steps), rows.Select(r => r.Step));

            var taskRows = ledger.Where(r => r.TaskId == id).ToList();
            Assert.DoesNotContain(taskRows, r => r.Status is not ("Settled" or "Interrupted"));
            Assert.All(taskRows, r => Assert.Contains(r.Key, Enumerable.Range(1, steps).Select(s => $"task:{id}:0:{s}")));
            for (var step = 1; step <= steps; step++)
            {
                var key = $"task:{id}:0:{step}";
                var attempts = taskRows.Where(r => r.Key == key).ToList();
                var settled = attempts.Count(r => r.Status == "Settled");
                var interrupted = attempts.Where(r => r.Status == "Interrupted").ToList();
                var calls = _gateway.StepCalls.Where(c => c.Prompt == prompt && c.Step == step).OrderBy(c => c.StartedAt).ToList();
                var where = $"task {id} ({prompt}) step {step}: {calls.Count} call(s) ({calls.Count(c => c.Delivered)} delivered), {settled} settled, {interrupted.Count} interrupted ledger row(s)";

                // One ledger row per call: every call the gateway saw has one; a row without a call is one a
                // kill cut between its reservation and its request, so it is flagged interrupted.
                Assert.True(settled >= 1, where);
                Assert.True(attempts.Count >= calls.Count, where);
                Assert.True(settled <= calls.Count(c => c.Delivered), where);

                // Interrupted only by a kill: the row was reserved in a run that was killed.
                Assert.All(interrupted, r => Assert.True(r.AtUtc < finalStart && _runs.Any(run => run.Started <= r.AtUtc && r.AtUtc <= run.Ended), $"{where}; interrupted row at {r.AtUtc:O} is not from a killed run"));

                // No completed step ran twice: a step is called again only after a kill came between the calls,
                // and the output above holds its text once, so no checkpoint of it was saved before the repeat.
                for (var i = 1; i < calls.Count; i++)
                {
                    var (before, after) = (calls[i - 1], calls[i]);
                    // Each run but the last was killed, so a later run's call came after a kill. A request on its way
                    // when the kill was sent may reach the fake after it: it still counts as the killed run's.
                    Assert.True(after.Run > before.Run, $"{where}; called again at {after.StartedAt:O} by run {after.Run} without a kill since its call at {before.StartedAt:O} (run {before.Run})");
                }

                Assert.True(calls.Count - interrupted.Count <= settled, where);
                rerunsAfterSettle += settled - 1; // the call ended and was paid, the kill came before the checkpoint
            }
        }

        return rerunsAfterSettle;
    }

    private async Task<List<LedgerEntry>> LedgerAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"AttemptId\", \"TaskId\", \"Status\", \"IdempotencyKey\", \"AtUtc\" FROM costs_ledger";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<LedgerEntry>();
        while (await reader.ReadAsync())
        {
            rows.Add(new LedgerEntry(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
        }

        return rows;
    }
}

internal sealed record LedgerEntry(string AttemptId, string? TaskId, string Status, string? Key, DateTimeOffset AtUtc);
