using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Ledger;
using PluginBot.Plugins.Costs.Storage;
using PluginBot.Plugins.Costs.Tests.Support;
using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Costs.Tests.Ledger;

public sealed class LedgerTests(CostsFixture fixture) : CostsTest(fixture)
{
    [Fact]
    public async Task A_call_is_one_row_priced_from_the_catalog()
    {
        await Host.CallAsync(HostFixture.User, project: "site");

        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal(LedgerStatus.Settled, row.Status);
        Assert.Equal(CostSource.Catalog, row.Source);
        Assert.Equal((12, 7), (row.InputTokens, row.OutputTokens));
        Assert.Equal(12 * CostsFixture.InputMicrosPerToken + 7 * CostsFixture.OutputMicrosPerToken, row.CostMicros);
        Assert.Equal((HostFixture.UserId, "site", "gateway", "gpt-test", "Completed"), (row.UserId, row.Project, row.Endpoint, row.Model, row.Outcome));
        Assert.True(row.ReservedMicros >= row.CostMicros, "the reservation is the most the call could cost");
        Assert.NotNull(row.LatencyMs);
    }

    [Fact]
    public async Task Cached_and_reasoning_tokens_are_priced_at_their_own_rates()
    {
        Host.Gateway.DefaultReply = new FakeReply { Usage = new FakeUsage(1000, 500, CachedInputTokens: 400, ReasoningTokens: 200) };

        await Host.CallAsync(HostFixture.User);

        // 600 uncached × 1,000 + 400 cached × 100 + 300 plain output × 2,000 + 200 reasoning × 3,000
        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal(600_000 + 40_000 + 600_000 + 600_000, row.CostMicros);
        Assert.Equal((400, 200), (row.CachedInputTokens, row.ReasoningTokens));
    }

    [Fact]
    public async Task A_cost_the_gateway_reports_wins_and_the_catalogs_is_kept_beside_it()
    {
        Host.Gateway.DefaultReply = new FakeReply { Cost = 0.05m };

        await Host.CallAsync(HostFixture.User);

        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal((50_000L, CostSource.Gateway), (row.CostMicros, row.Source));
        Assert.Equal(12 * CostsFixture.InputMicrosPerToken + 7 * CostsFixture.OutputMicrosPerToken, row.CatalogCostMicros);
    }

    [Fact]
    public async Task A_replayed_usage_event_is_recorded_once()
    {
        await Host.CallAsync(HostFixture.User);
        var row = Assert.Single(await Host.LedgerAsync());
        var replay = new LlmCallCompleted(
            row.AttemptId, new LlmCallContext { Actor = HostFixture.User }, "gateway", "openai", "gpt-test", false,
            new LlmUsage(5000, 5000, 0, 0), null, TimeSpan.FromSeconds(1), LlmCallOutcome.Completed, null, 1, row.AtUtc);

        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(replay);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(replay);
        }

        var after = Assert.Single(await Host.LedgerAsync());
        Assert.Equal(row.CostMicros, after.CostMicros);
        Assert.Equal(row.InputTokens, after.InputTokens);
    }

    [Fact]
    public async Task A_call_the_gate_never_saw_gets_its_own_row_once()
    {
        var attempt = Guid.NewGuid();
        var call = new LlmCallCompleted(
            attempt, new LlmCallContext { Actor = HostFixture.User, TaskId = "t9", IdempotencyKey = "t9/1/3" }, "gateway", "openai", "gpt-test", false,
            new LlmUsage(100, 10, 0, 0), null, TimeSpan.FromSeconds(1), LlmCallOutcome.Completed, null, 1, Host.Clock.GetUtcNow().UtcDateTime);

        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(call);
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(call);
        }

        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal((attempt, "t9/1/3", 100 * 1000 + 10 * 2000L), (row.AttemptId, row.IdempotencyKey, row.CostMicros));
    }

    [Fact]
    public async Task A_fallen_back_attempt_is_a_charge_of_its_own()
    {
        Host.Gateway.Enqueue(FakeReply.WithError(new FakeError(503, "service_unavailable", "overloaded")));

        await Host.CallAsync(HostFixture.User, model: "main"); // falls back to cheap

        var rows = await Host.LedgerAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["Failed", "Completed"], rows.OrderBy(r => r.Outcome == "Completed").Select(r => r.Outcome));
        Assert.Equal(0, rows.Single(r => r.Outcome == "Failed").CostMicros);
        Assert.Equal(12 * 100 + 7 * 200, rows.Single(r => r.Outcome == "Completed").CostMicros);
    }

    [Fact]
    public async Task Calls_left_running_by_a_dead_process_stay_charged_and_are_flagged_interrupted()
    {
        var orphan = SpendLedger.NewRow(Guid.NewGuid(), new LlmCallContext { Actor = HostFixture.User, TaskId = "t1" }, "gateway", "openai", "gpt-test", false, 1, Host.Clock.GetUtcNow().UtcDateTime);
        (orphan.CostMicros, orphan.ReservedMicros, orphan.InputTokens) = (205_000, 205_000, 5);
        await using (var db = Host.OpenDatabase())
        {
            db.Ledger.Add(orphan);
            await db.SaveChangesAsync();
        }

        await using (var restarted = new CostsFixture { DatabasePath = Host.CurrentDatabasePath })
        {
            await restarted.InitializeAsync();
            Assert.Contains(restarted.Logs.Lines, l => l.Contains("1 model calls were cut off by the last shutdown", StringComparison.Ordinal));
        }

        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal((LedgerStatus.Interrupted, CostSource.Estimate, 205_000L), (row.Status, row.Source, row.CostMicros));
        Assert.Equal(205_000, (await Host.SendAsync(new GetSpend(TaskId: "t1"), HostFixture.User)).Cost.Micros);
    }

    [Fact]
    public async Task A_cancelled_call_keeps_its_prompt_charged()
    {
        Host.Gateway.DefaultReply = FakeReply.Hanging();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            var resolved = await scope.ServiceProvider.GetRequiredService<IModelRouter>().ResolveAsync(null, new LlmCallContext { Actor = HostFixture.User });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => resolved.Client.GetResponseAsync([new(Microsoft.Extensions.AI.ChatRole.User, "a prompt of some length")], cancellationToken: cancel.Token));
        }

        var row = Assert.Single(await Host.LedgerAsync());
        Assert.Equal((LedgerStatus.Settled, CostSource.Estimate, "Cancelled"), (row.Status, row.Source, row.Outcome));
        Assert.Equal(row.InputTokens * CostsFixture.InputMicrosPerToken, row.CostMicros);
        Assert.True(row.CostMicros > 0);
    }

    [Fact]
    public async Task The_context_has_no_pending_model_changes()
    {
        await using var db = Host.OpenDatabase();
        Assert.False(db.Database.HasPendingModelChanges());
        Assert.All(db.Model.GetEntityTypes(), e => Assert.StartsWith("costs_", e.GetTableName(), StringComparison.Ordinal));
    }
}
