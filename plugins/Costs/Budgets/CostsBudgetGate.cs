using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Ledger;
using PluginBot.Plugins.Costs.Notices;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Budgets;

/// <summary>
/// The router asks this gate before and after every model call attempt. Before: every budget that applies (the
/// task's cap, the user's day and month, the bot's month) is checked and the call's maximum cost reserved in the
/// ledger, as one step: under <see cref="ReservationLock"/> for this process and inside one database write
/// transaction for every process on the file (the bot and <c>pluginbot ask</c> beside it). A call is let through
/// while its budget is not yet spent, so a budget is overshot by at most one call's maximum. An unpriced model
/// (allowed with <c>AllowUnpriced</c>) reserves nothing but is refused by a spent budget like any other. After: the
/// reservation is settled to the real cost, a stopped answer to its prompt and the output that had streamed.
/// </summary>
internal sealed class CostsBudgetGate(
    SpendLedger ledger,
    BudgetBook book,
    TimeZones zones,
    CallPricing pricing,
    ReservationLock reservations,
    BudgetFallbacks fallbacks,
    CostNotices notices,
    IOptions<CostsOptions> options,
    TimeProvider time,
    ILogger<CostsBudgetGate> logger) : IBudgetGate
{
    public async ValueTask<BudgetDecision> BeforeCallAsync(BudgetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow().UtcDateTime;
        var price = pricing.Find(request.Model.Endpoint, request.EndpointKind, request.Model.Model, request.IsLocal);
        var reservation = price?.MaxCost(request.EstimatedInputTokens, request.MaxOutputTokens) ?? Usd.Zero;
        var checks = await ChecksAsync(request.Context.Actor.Id, request.Context.BudgetCap, request.Context.TaskId, now, cancellationToken);

        if (price is null)
        {
            await TellAdminsUnpricedAsync(request.Model, cancellationToken);
            if (checks.Count > 0 && !options.Value.AllowUnpriced)
            {
                var first = checks[0];
                return new BudgetDecision.Deny(
                    $"{request.Model} has no price, so with a budget in force its cost could not be counted. An admin can add its price (Plugins:Costs:Prices) or allow unpriced models (Plugins:Costs:AllowUnpriced=true).",
                    first.Name, Usd.Zero, first.Limit);
            }
        }

        using (await reservations.EnterAsync(cancellationToken))
        {
            // Another process's reservations count only once committed: the write transaction waits for them.
            await using var write = await ledger.BeginWriteAsync(cancellationToken);

            // A free call (a local model) spends nothing, so no budget stops it; an unpriced one may cost anything.
            if (reservation.IsPositive || price is null)
            {
                foreach (var check in checks)
                {
                    // A cap on a call outside any task covers that call alone.
                    var spent = check is { TaskId: null, UserId: null, Period: null }
                        ? Usd.Zero
                        : await ledger.SumAsync(check.UserId, check.TaskId, check.Period?.StartUtc, check.Period?.EndUtc, cancellationToken);
                    if (spent + reservation > check.Limit && fallbacks.For(request.Model) is { } cheaper)
                    {
                        return new BudgetDecision.UseModel(cheaper, $"{request.Model} could cross the {check.Name} budget ({spent} of {check.Limit} spent)");
                    }

                    if (spent >= check.Limit)
                    {
                        logger.LogInformation("Refused a call of {Model} for {Actor}: {Budget} budget spent ({Spent} of {Limit})", request.Model, request.Context.Actor, check.Name, spent, check.Limit);
                        return new BudgetDecision.Deny(check.Exceeded(spent, now), check.Name, spent, check.Limit);
                    }
                }
            }

            var row = SpendLedger.NewRow(request.AttemptId, request.Context, request.Model.Endpoint, request.EndpointKind, request.Model.Model, request.IsLocal, 0, now);
            (row.CostMicros, row.ReservedMicros, row.InputTokens, row.PriceKey) = (reservation.Micros, reservation.Micros, request.EstimatedInputTokens, price?.Key);
            row.Source = price is null ? CostSource.Unpriced : CostSource.Estimate;
            await ledger.AddAsync(row, cancellationToken);
            await write.CommitAsync(cancellationToken);
            reservations.Started(request.AttemptId, request.Model.Model);
        }

        return new BudgetDecision.Allow();
    }

    public async ValueTask AfterCallAsync(BudgetSettlement settlement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settlement);
        LedgerRow? row;
        var bill = AttemptBill.Of(settlement, reservations.ModelOf(settlement.AttemptId)); // counted before the lock
        using (await reservations.EnterAsync(cancellationToken))
        {
            row = await ledger.SettleAsync(settlement.AttemptId, bill, cancellationToken);
            reservations.Ended(settlement.AttemptId);
        }

        if (row is { CostMicros: > 0 })
        {
            await WarnAsync(row, cancellationToken);
        }
    }

    /// <summary>Every budget with a limit that applies to a call for this user, with this cap, in this task.</summary>
    private async Task<List<BudgetCheck>> ChecksAsync(long userId, Usd? taskCap, string? taskId, DateTime now, CancellationToken cancellationToken)
    {
        List<BudgetCheck> checks = [];
        if (taskCap is { } cap)
        {
            checks.Add(new BudgetCheck("task", cap, null, taskId, null, taskId is null ? "This call's" : "This task's"));
        }

        foreach (var limit in await book.ForUserAsync(userId, cancellationToken))
        {
            if (limit.Limit is not { } most)
            {
                continue;
            }

            var period = await zones.CurrentPeriodAsync(limit.Scope, userId, limit.Period, now, cancellationToken);
            checks.Add(limit.Scope == BudgetScope.User
                ? new BudgetCheck(limit.Name, most, userId, null, period, $"Your {period.Name}")
                : new BudgetCheck(limit.Name, most, null, null, period, $"The bot's {period.Name}"));
        }

        return checks;
    }

    /// <summary>At the configured share of a budget, the user (or, for the bot's budget, the admins) hears it once per period.</summary>
    private async Task WarnAsync(LedgerRow row, CancellationToken cancellationToken)
    {
        var percent = options.Value.WarnAtPercent;
        if (percent is <= 0 or >= 100)
        {
            return;
        }

        try
        {
            foreach (var check in await ChecksAsync(row.UserId, null, null, row.AtUtc, cancellationToken))
            {
                if (check.Period is not { } period)
                {
                    continue;
                }

                var spent = await ledger.SumAsync(check.UserId, null, period.StartUtc, period.EndUtc, cancellationToken);
                if (spent * 100 < check.Limit * percent)
                {
                    continue;
                }

                var share = (int)Math.Min(999, (spent * 100).Micros / check.Limit.Micros);
                var text = string.Create(CultureInfo.InvariantCulture, $"{check.Owner} budget is {share} % spent: {spent} of {check.Limit}. It resets {period.DescribeReset(time.GetUtcNow().UtcDateTime)}.");
                await notices.SendOnceAsync($"warn:{check.Name}:{check.UserId ?? 0}:{period.Key}", check.UserId, text, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A warning that cannot be sent must not fail a call that has already happened.
            logger.LogWarning(ex, "Could not check budget warnings after attempt {AttemptId}", row.AttemptId);
        }
    }

    private async Task TellAdminsUnpricedAsync(ModelReference model, CancellationToken cancellationToken)
    {
        try
        {
            var text = $"{model} has no price in the catalog: its calls are recorded as unpriced, not as $0. Add its price under Plugins:Costs:Prices (USD per million tokens) or in the price file.";
            if (await notices.SendOnceAsync($"unpriced:{model}", null, text, cancellationToken))
            {
                logger.LogWarning("{Model} has no price: its calls are recorded as unpriced", model);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not tell the admins that {Model} has no price", model);
        }
    }

    /// <summary>One budget to check: its limit and which calls count against it.</summary>
    private sealed record BudgetCheck(string Name, Usd Limit, long? UserId, string? TaskId, BudgetPeriod? Period, string Owner)
    {
        public string Exceeded(Usd spent, DateTime now)
        {
            var head = $"{Owner} budget is spent: {spent} of {Limit}.";
            return Period is null
                ? $"{head} Retry with a higher budget to go on."
                : $"{head} It resets {Period.DescribeReset(now)}.{(UserId is { } id ? string.Create(CultureInfo.InvariantCulture, $" An admin can raise it with /budget user {id} {BudgetBook.PeriodName(Period.Kind)} <USD>.") : " An admin can raise it with /budget global month <USD>.")}";
        }
    }
}
