using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Charts;
using PluginBot.Plugins.Costs.Ledger;
using PluginBot.Plugins.Costs.Pricing;
using PluginBot.Plugins.Costs.Reports;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Benchmarks;

/// <summary>
/// The cost ledger on a real SQLite file: how fast calls are written (a reservation and its settlement, two
/// transactions per call, as the budget gate does), and how long the reports behind <c>/costs</c> and
/// <c>/api/costs</c> take over a million rows. Rows are spread over <c>--months</c> months (12: about 83,000 in the
/// month read; 1: all of them), in time order as calls arrive, 20 users, 5 projects, 8 models.
/// </summary>
internal static class CostsLoadHarness
{
    public const string Flag = "--costs-load";

    public static async Task<int> RunAsync(int rows, int months, int runs, int writes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pluginbot-costs-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = Open(path))
            {
                await db.Database.MigrateAsync();
            }

            var now = DateTime.UtcNow;
            var seeding = Stopwatch.StartNew();
            Seed(path, rows, months, now);
            Console.WriteLine(FormattableString.Invariant($"seeded {rows:N0} rows over {months} month(s) in {seeding.Elapsed.TotalSeconds:F1} s ({rows / seeding.Elapsed.TotalSeconds:N0} rows/s, one transaction)"));

            await MeasureWritesAsync(path, writes, now);
            await MeasureGateStepAsync(path, writes, now);

            var month = ReportPeriod.Of(new DateOnly(now.Year, now.Month, 1), DateOnly.FromDateTime(now), TimeZoneInfo.Utc);
            var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
            var berlinMonth = ReportPeriod.Of(month.First, month.Last, berlin);
            Console.WriteLine();
            Console.WriteLine(FormattableString.Invariant($"{"query over this month",-52} {"rows",8} {"p50 ms",8} {"p95 ms",8} {"max ms",8}"));
            await TimeAsync(path, runs, "by day, everyone (/api/costs default)", async db => (await CostReport.BuildAsync(new SpendReports(db), month, SpendGrouping.Day, null, CancellationToken.None)).Days.Count);
            await TimeAsync(path, runs, "by day, everyone, Europe/Berlin", async db => (await CostReport.BuildAsync(new SpendReports(db), berlinMonth, SpendGrouping.Day, null, CancellationToken.None)).Days.Count);
            await TimeAsync(path, runs, "by model and day, everyone (/costs --all)", async db => (await CostReport.BuildAsync(new SpendReports(db), month, SpendGrouping.Model, null, CancellationToken.None)).Days.Count);
            await TimeAsync(path, runs, "by model and day, one user (/costs)", async db => (await CostReport.BuildAsync(new SpendReports(db), month, SpendGrouping.Model, 7, CancellationToken.None)).Days.Count);
            await TimeAsync(path, runs, "budget check: the bot's month", async db => (int)Math.Min(1, await Sum(db, null, month)));
            await TimeAsync(path, runs, "budget check: one user's month", async db => (int)Math.Min(1, await Sum(db, 7, month)));

            var chartTimes = new List<double>();
            await using (var db = Open(path))
            {
                var report = await CostReport.BuildAsync(new SpendReports(db), month, SpendGrouping.Model, null, CancellationToken.None);
                var points = report.Days.Select(d => new SpendPoint(d.Day!.Value, d.Group ?? "", d.Cost)).ToList();
                for (var i = 0; i < Math.Max(runs, 5) + 1; i++)
                {
                    var watch = Stopwatch.StartNew();
                    SpendChart.Render("spend", month.First, month.Last, points);
                    if (i > 0)
                    {
                        chartTimes.Add(watch.Elapsed.TotalMilliseconds); // the first render loads fonts and natives
                    }
                }
            }

            Console.WriteLine(FormattableString.Invariant($"{"chart of the month by model (PNG, after the first)",-52} {"",8} {Percentile(chartTimes, 50),8:F1} {Percentile(chartTimes, 95),8:F1} {chartTimes.Max(),8:F1}"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static Task<long> Sum(CostsDbContext db, long? userId, ReportPeriod month) =>
        db.Ledger.AsNoTracking().Where(r => (userId == null || r.UserId == userId) && r.AtUtc >= month.FromUtc && r.AtUtc < month.ToUtc).SumAsync(r => r.CostMicros);

    private static async Task MeasureWritesAsync(string path, int writes, DateTime now)
    {
        await using var db = Open(path);
        using var catalog = new PriceCatalog(new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<PriceCatalog>.Instance);
        var ledger = new SpendLedger(db, new CallPricing(catalog));
        var context = new LlmCallContext { Actor = new Actor(7, ActorKind.User, "bench"), Project = "p1", Purpose = "bench" };
        for (var i = 0; i < 50; i++)
        {
            await WriteAsync(ledger, context, now);
        }

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < writes; i++)
        {
            await WriteAsync(ledger, context, now);
        }

        Console.WriteLine(FormattableString.Invariant($"ledger writes: {writes:N0} calls (reserve + settle) in {watch.Elapsed.TotalSeconds:F2} s = {writes / watch.Elapsed.TotalSeconds:N0} calls/s, {watch.Elapsed.TotalMilliseconds * 1000 / writes:F0} µs per call, one writer"));
    }

    /// <summary>
    /// The budget gate's step before a call: one user's month summed, then the reservation written, as it was (the
    /// sum read outside any transaction, the insert in its own) and as it is (both in one write transaction, which
    /// keeps other processes on the file out between them). Alternated in blocks so both see the same file state.
    /// </summary>
    private static async Task MeasureGateStepAsync(string path, int writes, DateTime now)
    {
        await using var db = Open(path);
        using var catalog = new PriceCatalog(new ConfigurationBuilder().Build(), TimeProvider.System, NullLogger<PriceCatalog>.Instance);
        var ledger = new SpendLedger(db, new CallPricing(catalog));
        var context = new LlmCallContext { Actor = new Actor(7, ActorKind.User, "bench"), Project = "p1", Purpose = "bench" };
        var from = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var (separate, transactional) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var block = -1; block < 10; block++)
        {
            foreach (var inTransaction in new[] { false, true })
            {
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < Math.Max(1, writes / 10); i++)
                {
                    await using var write = inTransaction ? await ledger.BeginWriteAsync(CancellationToken.None) : null;
                    await ledger.SumAsync(7, null, from, from.AddMonths(1), CancellationToken.None);
                    var row = SpendLedger.NewRow(Guid.NewGuid(), context, "gateway", "openai", "gpt-4o-mini", false, 1, now);
                    (row.CostMicros, row.ReservedMicros) = (50_000, 50_000);
                    await ledger.AddAsync(row, CancellationToken.None);
                    if (write is not null)
                    {
                        await write.CommitAsync();
                    }
                }

                if (block >= 0) // the first block warms up
                {
                    (separate, transactional) = inTransaction ? (separate, transactional + watch.Elapsed) : (separate + watch.Elapsed, transactional);
                }
            }
        }

        var calls = Math.Max(1, writes / 10) * 10;
        Console.WriteLine(FormattableString.Invariant(
            $"gate step (user's month summed + reservation), {calls:N0} each: {separate.TotalMilliseconds * 1000 / calls:F0} µs separate, {transactional.TotalMilliseconds * 1000 / calls:F0} µs in one write transaction ({transactional / separate:F2}×)"));
    }

    private static async Task WriteAsync(SpendLedger ledger, LlmCallContext context, DateTime now)
    {
        var row = SpendLedger.NewRow(Guid.NewGuid(), context, "gateway", "openai", "gpt-4o-mini", false, 1, now);
        (row.CostMicros, row.ReservedMicros) = (50_000, 50_000);
        await ledger.AddAsync(row, CancellationToken.None);
        await ledger.SettleAsync(row.AttemptId, new AttemptBill(new LlmUsage(1200, 300, 0, 0), null, LlmCallOutcome.Completed, ProviderMayBill: true, StreamedTokens: 0), CancellationToken.None);
    }

    private static async Task TimeAsync(string path, int runs, string name, Func<CostsDbContext, Task<int>> query)
    {
        var times = new List<double>();
        var count = 0;
        for (var i = 0; i <= runs; i++)
        {
            await using var db = Open(path);
            var watch = Stopwatch.StartNew();
            count = await query(db);
            if (i > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds); // the first run warms the page cache and EF
            }
        }

        Console.WriteLine(FormattableString.Invariant($"{name,-52} {count,8} {Percentile(times, 50),8:F1} {Percentile(times, 95),8:F1} {times.Max(),8:F1}"));
    }

    private static void Seed(string path, int rows, int months, DateTime now)
    {
        string[] models = ["gpt-4o-mini", "gpt-4.1", "claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-flash", "o4-mini", "llama3.1:8b", "deepseek-chat"];
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO costs_ledger ("AttemptId", "AtUtc", "UserId", "Purpose", "Project", "AttemptNumber", "Endpoint", "EndpointKind", "Provider", "Model", "IsLocal",
                "InputTokens", "OutputTokens", "CachedInputTokens", "CacheWriteInputTokens", "ReasoningTokens", "CostMicros", "ReservedMicros", "Source", "Status", "Outcome")
            VALUES ($id, $at, $user, 'chat', $project, 1, 'gateway', 'openai', $provider, $model, 0, 1200, 300, 0, 0, 0, $cost, $cost, 'Catalog', 'Settled', 'Completed')
            """;
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var user = insert.Parameters.Add("$user", SqliteType.Integer);
        var project = insert.Parameters.Add("$project", SqliteType.Text);
        var provider = insert.Parameters.Add("$provider", SqliteType.Text);
        var model = insert.Parameters.Add("$model", SqliteType.Text);
        var cost = insert.Parameters.Add("$cost", SqliteType.Integer);
        insert.Prepare();
        var random = new Random(42);
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1 - months);
        var span = (now - start).Ticks;
        for (var i = 0; i < rows; i++)
        {
            var m = models[random.Next(models.Length)];
            id.Value = Guid.NewGuid().ToString().ToUpperInvariant();
            // In time order, as calls arrive: rows of one day sit together in the table.
            at.Value = start.Ticks + (span / rows * i) + random.NextInt64(span / rows);
            user.Value = random.Next(1, 21);
            project.Value = $"p{random.Next(1, 6)}";
            provider.Value = m.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : m.StartsWith("gemini", StringComparison.Ordinal) ? "gemini" : "openai";
            model.Value = m;
            cost.Value = random.Next(100, 200_000);
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static CostsDbContext Open(string path) =>
        new(new DbContextOptionsBuilder<CostsDbContext>().UseSqlite($"Data Source={path};Default Timeout=30").Options);

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
