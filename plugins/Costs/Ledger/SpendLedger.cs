using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Ledger;

/// <summary>
/// Reads and writes <c>costs_ledger</c>, one row per model call attempt keyed by its attempt id. A row is written
/// when the budget gate reserves the call's maximum, settled to the real cost when the call ends, and a replayed
/// settlement or usage event finds the row already settled and changes nothing.
/// </summary>
internal sealed class SpendLedger(CostsDbContext db, CallPricing pricing)
{
    /// <summary>What the matching calls cost so far, running ones at their reservation.</summary>
    public async Task<Usd> SumAsync(long? userId, string? taskId, DateTime? fromUtc, DateTime? toUtc, CancellationToken cancellationToken)
    {
        var rows = db.Ledger.AsNoTracking();
        if (userId is { } user)
        {
            rows = rows.Where(r => r.UserId == user);
        }

        if (taskId is not null)
        {
            rows = rows.Where(r => r.TaskId == taskId);
        }

        if (fromUtc is { } from)
        {
            rows = rows.Where(r => r.AtUtc >= from);
        }

        if (toUtc is { } to)
        {
            rows = rows.Where(r => r.AtUtc < to);
        }

        return Usd.FromMicros(await rows.SumAsync(r => r.CostMicros, cancellationToken));
    }

    /// <summary>What a budget's owner (a user, or everyone for the bot's budget) spent in a period.</summary>
    public Task<Usd> SpentAsync(Budgets.BudgetScope scope, long userId, Budgets.BudgetPeriod period, CancellationToken cancellationToken) =>
        SumAsync(scope == Budgets.BudgetScope.User ? userId : null, null, period.StartUtc, period.EndUtc, cancellationToken);

    /// <summary>
    /// A write transaction on the database file (SQLite's <c>BEGIN IMMEDIATE</c>: the file's one writer from the
    /// start, not from its first write), so a check read inside it and the reservation written after are one step for
    /// every process on the file, not only this one.
    /// </summary>
    public Task<IDbContextTransaction> BeginWriteAsync(CancellationToken cancellationToken) => db.Database.BeginTransactionAsync(cancellationToken);

    public async Task AddAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        db.Ledger.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
    }

    /// <summary>
    /// Settles a running call to what it really cost. False when there is nothing to settle: no such row, or it is
    /// settled already (a replay).
    /// </summary>
    public async Task<LedgerRow?> SettleAsync(Guid attemptId, AttemptBill bill, CancellationToken cancellationToken)
    {
        var row = await db.Ledger.FindAsync([attemptId], cancellationToken);
        if (row is null || row.Status == LedgerStatus.Settled)
        {
            return null;
        }

        Charge(row, bill);
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return row;
    }

    /// <summary>
    /// Records a usage event: completes the row the gate settled (latency, error) or, for a call the gate never saw
    /// (a plugin publishing its own), writes it whole. A replay changes nothing.
    /// </summary>
    public async Task<LedgerRow?> RecordAsync(LlmCallCompleted call, AttemptBill bill, CancellationToken cancellationToken)
    {
        var row = await db.Ledger.FindAsync([call.AttemptId], cancellationToken);
        LedgerRow? charged = null;
        if (row is null)
        {
            row = NewRow(call.AttemptId, call.Context, call.Endpoint, call.EndpointKind, call.Model, call.IsLocal, call.AttemptNumber, call.AtUtc);
            Charge(row, bill);
            db.Ledger.Add(row);
            charged = row;
        }
        else if (row.Status != LedgerStatus.Settled)
        {
            Charge(row, bill);
            charged = row;
        }
        else if (row.LatencyMs is not null)
        {
            return null;
        }

        row.LatencyMs = (long)call.Latency.TotalMilliseconds;
        row.Error = call.Error is null ? null : call.Error[..Math.Min(call.Error.Length, 500)];
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(row).State = EntityState.Detached;
        return charged;
    }

    /// <summary>
    /// Rows left running by a process that died: the provider may have charged them, so they keep their reservation
    /// and are flagged interrupted. <paramref name="live"/> are this process's calls, still running.
    /// </summary>
    public async Task<int> InterruptOrphansAsync(IReadOnlyCollection<Guid> live, CancellationToken cancellationToken)
    {
        var running = await db.Ledger.Where(r => r.Status == LedgerStatus.Running).ToListAsync(cancellationToken);
        var orphans = running.Where(r => !live.Contains(r.AttemptId)).ToList();
        foreach (var row in orphans)
        {
            (row.Status, row.Source, row.Outcome) = (LedgerStatus.Interrupted, CostSource.Estimate, "Interrupted");
        }

        await db.SaveChangesAsync(cancellationToken);
        return orphans.Count;
    }

    public static LedgerRow NewRow(Guid attemptId, LlmCallContext context, string endpoint, string endpointKind, string model, bool isLocal, int attemptNumber, DateTime atUtc) => new()
    {
        AttemptId = attemptId,
        IdempotencyKey = context.IdempotencyKey,
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc),
        UserId = context.Actor.Id,
        Purpose = context.Purpose,
        Project = context.Project,
        TaskId = context.TaskId,
        Step = context.Step,
        AttemptNumber = attemptNumber,
        Endpoint = endpoint,
        EndpointKind = endpointKind,
        Provider = ProviderOf(endpointKind, model),
        Model = model,
        IsLocal = isLocal,
        Status = LedgerStatus.Running,
        Source = CostSource.Estimate,
    };

    /// <summary>Who bills a call: the model's <c>provider/</c> prefix (as gateways name models), else the endpoint's protocol.</summary>
    private static string ProviderOf(string endpointKind, string model) =>
        model.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash ? model[..slash].ToLowerInvariant() : endpointKind;

    /// <summary>
    /// The real cost: the provider's own figure when it gave one (the catalog's kept beside it), else tokens × the
    /// catalog. A call the provider received but did not report in full (stopped, cut off, timed out) is charged as an
    /// estimate of its prompt and of the output that had streamed (see <see cref="AttemptBill.Estimated"/>): the
    /// provider bills those, so a stopped answer is never free. An unpriced model's call costs 0 with its tokens kept.
    /// </summary>
    private void Charge(LedgerRow row, AttemptBill bill)
    {
        var price = pricing.Find(row.Endpoint, row.EndpointKind, row.Model, row.IsLocal);
        var estimated = bill.Estimated(row.InputTokens);
        var usage = estimated ?? bill.Usage;
        if (usage != LlmUsage.None && (usage.InputTokens != 0 || usage.OutputTokens != 0))
        {
            (row.InputTokens, row.OutputTokens, row.CachedInputTokens, row.CacheWriteInputTokens, row.ReasoningTokens) =
                (usage.InputTokens, usage.OutputTokens, usage.CachedInputTokens, usage.CacheWriteInputTokens, usage.ReasoningTokens);
        }

        row.PriceKey = price?.Key;
        if (price?.Price.Provider is { Length: > 0 } provider && !row.Model.Contains('/', StringComparison.Ordinal))
        {
            row.Provider = provider;
        }

        row.ProviderCostMicros = bill.ProviderCostMicros;
        row.CatalogCostMicros = price?.Cost(usage).Micros;
        row.Outcome = bill.Outcome.ToString();
        row.Status = LedgerStatus.Settled;
        if (bill.ProviderCostMicros is { } reported)
        {
            (row.CostMicros, row.Source) = (reported, CostSource.Gateway);
        }
        else if (price is null)
        {
            (row.CostMicros, row.Source) = (0, CostSource.Unpriced);
        }
        else
        {
            (row.CostMicros, row.Source) = (row.CatalogCostMicros ?? 0, estimated is null ? CostSource.Catalog : CostSource.Estimate);
        }
    }
}
