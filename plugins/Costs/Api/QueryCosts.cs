using System.Globalization;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Plugins.Costs.Budgets;
using PluginBot.Plugins.Costs.Reports;

namespace PluginBot.Plugins.Costs.Api;

/// <summary>
/// A spend report, the one request behind <c>/costs</c> and <c>GET /api/costs</c>: days <paramref name="From"/>..<paramref name="To"/>
/// (inclusive) or a <paramref name="Period"/> as a person types it (<c>today</c>, <c>week</c>, <c>month</c>, a date or
/// a range), by default this month, grouped (by day unless told), for one user or everyone. A user reads only their
/// own rows; naming another user, or asking for everyone's, is refused.
/// </summary>
internal sealed record QueryCosts(string? From, string? To, string? GroupBy, long? UserId, string? TimeZone, string? Period = null) : IRequest<CostReport>
{
    /// <summary>Everyone's spend, asked for explicitly (admins only); an admin's missing user id means the same.</summary>
    public bool Everyone { get; init; }
}

internal sealed class QueryCostsHandler(SpendReports reports, TimeZones zones, IActorAccessor actor, TimeProvider time) : IRequestHandler<QueryCosts, CostReport>
{
    public async Task<CostReport> Handle(QueryCosts request, CancellationToken cancellationToken)
    {
        var asker = actor.Current!;
        if (request.Everyone && !asker.IsPrivileged)
        {
            throw new ForbiddenException("Only admins can see everyone's spend: leave out --all to see yours.");
        }

        var userId = request.Everyone ? null : SpendAccess.UserFor(asker, request.UserId, "A user token reads only its own spend: leave out userId or give your own id.");

        var zone = await ZoneAsync(request.TimeZone, asker, cancellationToken);
        var range = (request.From, request.To) switch
        {
            (null, null) => request.Period,
            _ when request.Period is not null => throw Invalid("period", "Give a period or from and to, not both."),
            (null, _) => throw Invalid("from", "Give from together with to, e.g. from=2026-11-01&to=2026-11-15."),
            (_, null) => request.From,
            _ => $"{request.From}..{request.To}",
        };
        var (period, error) = ReportPeriod.Parse(range, time.GetUtcNow().UtcDateTime, zone);
        if (period is null)
        {
            throw Invalid("period", error!);
        }

        var grouping = request.GroupBy is null ? SpendGrouping.Day
            : Enum.TryParse<SpendGrouping>(request.GroupBy, ignoreCase: true, out var g) && Enum.IsDefined(g) && !int.TryParse(request.GroupBy, out _) ? g
            : throw Invalid("groupBy", $"groupBy={request.GroupBy} is not a grouping: use user, project, model, provider, schedule, day or none.");
        return await CostReport.BuildAsync(reports, period, grouping, userId, cancellationToken);
    }

    private async Task<TimeZoneInfo> ZoneAsync(string? id, Actor asker, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return await zones.ForAsync(asker.Id == 0 ? null : asker.Id, cancellationToken);
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : throw Invalid("timeZone", $"timeZone={id} is not a time zone: use an IANA name such as Europe/Berlin.");
    }

    private static RequestValidationException Invalid(string field, string message) => new([new FieldError(field, message)]);
}

/// <summary>Budgets in force and what is spent against them, for <c>GET /api/budgets</c> (admins).</summary>
[Abstractions.Requests.Access(Abstractions.Requests.AccessLevel.AdminOnly)]
internal sealed record QueryBudgets : IRequest<BudgetsView>;

internal sealed record BudgetView(string Budget, long? UserId, Usd? Limit, string Origin, Usd? Spent, string? Period, DateTime? ResetsAtUtc, string TimeZone);

internal sealed record BudgetsView(IReadOnlyList<BudgetView> Budgets, bool AllowUnpriced, int WarnAtPercent);

internal sealed class QueryBudgetsHandler(BudgetBook book, Ledger.SpendLedger ledger, TimeZones zones, Microsoft.Extensions.Options.IOptions<CostsOptions> options, TimeProvider time)
    : IRequestHandler<QueryBudgets, BudgetsView>
{
    public async Task<BudgetsView> Handle(QueryBudgets request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        List<BudgetView> views = [];
        var globalZone = await zones.ForAsync(null, cancellationToken);
        foreach (var limit in await book.ForUserAsync(0, cancellationToken))
        {
            var period = await zones.CurrentPeriodAsync(limit.Scope, 0, limit.Period, now, cancellationToken);
            views.Add(new(limit.Name, null, limit.Limit, limit.Origin, await ledger.SpentAsync(limit.Scope, 0, period, cancellationToken), period.Key, period.EndUtc, period.Zone.Id));
        }

        foreach (var scope in new[] { PeriodKind.Day, PeriodKind.Month })
        {
            views.Add(new($"user/{BudgetBook.PeriodName(scope)}", null, book.Configured(BudgetScope.User, scope), "config, for every user", null, null, null, globalZone.Id));
        }

        foreach (var row in await book.OverridesAsync(cancellationToken))
        {
            if (row.Scope != BudgetBook.UserScope)
            {
                continue;
            }

            var period = await zones.CurrentPeriodAsync(BudgetScope.User, row.UserId, BudgetBook.ParsePeriod(row.Period), now, cancellationToken);
            var spent = row.UserId == 0 ? (Usd?)null : await ledger.SpentAsync(BudgetScope.User, row.UserId, period, cancellationToken);
            views.Add(new($"user/{row.Period}", row.UserId == 0 ? null : row.UserId, BudgetBook.Limit(row), row.UserId == 0 ? "set for every user" : "set for this user", spent, period.Key, period.EndUtc, period.Zone.Id));
        }

        return new BudgetsView(views, options.Value.AllowUnpriced, options.Value.WarnAtPercent);
    }
}

internal static class CsvText
{
    /// <summary>
    /// Quotes a CSV field when it needs it (RFC 4180) and defuses what a spreadsheet would run as a formula: a field
    /// starting with <c>= + - @</c>, or with a tab or carriage return before one (OWASP's list).
    /// </summary>
    public static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

}
