using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Budgets;

/// <summary>Whose money a budget limits.</summary>
internal enum BudgetScope
{
    User,
    Global,
}

/// <summary>One budget in force: a limit on a scope over a period, and where the limit comes from.</summary>
/// <param name="Scope">User or global.</param>
/// <param name="UserId">The user (0 for global, or the default for every user).</param>
/// <param name="Period">Day or month.</param>
/// <param name="Limit">The limit; null when there is none.</param>
/// <param name="Origin"><c>config</c>, <c>set for everyone</c> or <c>set for this user</c>.</param>
internal sealed record BudgetLimit(BudgetScope Scope, long UserId, PeriodKind Period, Usd? Limit, string Origin)
{
    /// <summary>For messages and the audit: <c>user/day</c>, <c>global/month</c>.</summary>
    public string Name => $"{Scope.ToString().ToLowerInvariant()}/{Period.ToString().ToLowerInvariant()}";
}

/// <summary>
/// The budgets in force: configured ones (<c>Plugins:Costs:Budgets</c>), overridden by what admins set at run time
/// (for one user, for every user, or for the bot).
/// </summary>
internal sealed class BudgetBook(CostsDbContext db, IOptions<CostsOptions> options)
{
    public const string UserScope = "user";
    public const string GlobalScope = "global";

    /// <summary>The user's daily and monthly budgets and the global monthly one, with or without a limit.</summary>
    public async Task<IReadOnlyList<BudgetLimit>> ForUserAsync(long userId, CancellationToken cancellationToken)
    {
        var rows = await db.Budgets.AsNoTracking()
            .Where(b => b.Scope == GlobalScope || (b.Scope == UserScope && (b.UserId == 0 || b.UserId == userId)))
            .ToListAsync(cancellationToken);
        List<BudgetLimit> limits = [];
        if (userId != 0)
        {
            limits.Add(Resolve(rows, BudgetScope.User, userId, PeriodKind.Day));
            limits.Add(Resolve(rows, BudgetScope.User, userId, PeriodKind.Month));
        }

        limits.Add(Resolve(rows, BudgetScope.Global, 0, PeriodKind.Month));
        return limits;
    }

    /// <summary>Every run-time override, for <c>/budget</c> and the API.</summary>
    public async Task<IReadOnlyList<BudgetRow>> OverridesAsync(CancellationToken cancellationToken) =>
        await db.Budgets.AsNoTracking().OrderBy(b => b.Scope).ThenBy(b => b.UserId).ThenBy(b => b.Period).ToListAsync(cancellationToken);

    /// <summary>
    /// Sets (<paramref name="limit"/>), switches off (null with <paramref name="remove"/> false) or removes the
    /// run-time override so the configured budget applies again (<paramref name="remove"/> true).
    /// </summary>
    public async Task SetAsync(BudgetScope scope, long userId, PeriodKind period, Usd? limit, bool remove, string changedBy, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var scopeName = ScopeName(scope);
        var periodName = PeriodName(period);
        var row = await db.Budgets.FindAsync([scopeName, userId, periodName], cancellationToken);
        if (remove)
        {
            if (row is not null)
            {
                db.Budgets.Remove(row);
            }
        }
        else
        {
            if (row is null)
            {
                row = new BudgetRow { Scope = scopeName, UserId = userId, Period = periodName };
                db.Budgets.Add(row);
            }

            (row.LimitMicros, row.ChangedBy, row.ChangedAtUtc) = (limit?.Micros, changedBy, nowUtc);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static string PeriodName(PeriodKind period) => period == PeriodKind.Day ? "day" : "month";

    private static string ScopeName(BudgetScope scope) => scope == BudgetScope.User ? UserScope : GlobalScope;

    public static PeriodKind ParsePeriod(string name) => name == "day" ? PeriodKind.Day : PeriodKind.Month;

    /// <summary>The configured default of a budget, for display.</summary>
    public Usd? Configured(BudgetScope scope, PeriodKind period)
    {
        var defaults = options.Value.Budgets;
        var dollars = (scope, period) switch
        {
            (BudgetScope.User, PeriodKind.Day) => defaults.UserDay,
            (BudgetScope.User, PeriodKind.Month) => defaults.UserMonth,
            (BudgetScope.Global, PeriodKind.Month) => defaults.GlobalMonth,
            _ => null,
        };
        return dollars is { } d and > 0 ? Usd.FromDollars(d) : null;
    }

    private BudgetLimit Resolve(List<BudgetRow> rows, BudgetScope scope, long userId, PeriodKind period)
    {
        var scopeName = ScopeName(scope);
        var periodName = PeriodName(period);
        if (rows.Find(r => r.Scope == scopeName && r.UserId == userId && r.Period == periodName) is { } own && (scope == BudgetScope.Global || userId != 0))
        {
            return new BudgetLimit(scope, userId, period, Limit(own), scope == BudgetScope.Global ? "set by an admin" : "set for this user");
        }

        if (scope == BudgetScope.User && rows.Find(r => r.Scope == scopeName && r.UserId == 0 && r.Period == periodName) is { } everyone)
        {
            return new BudgetLimit(scope, userId, period, Limit(everyone), "set for every user");
        }

        return new BudgetLimit(scope, userId, period, Configured(scope, period), "config");
    }

    /// <summary>The limit an override row stores as micro-dollars (null: switched off).</summary>
    public static Usd? Limit(BudgetRow row) => row.LimitMicros is { } micros ? Usd.FromMicros(micros) : null;
}
