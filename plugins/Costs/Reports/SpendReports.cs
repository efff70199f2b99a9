using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Reports;

/// <summary>What spend is grouped by (in reports, <c>/costs --by</c> and <c>/api/costs?groupBy=</c>).</summary>
public enum SpendGrouping
{
    None,
    User,
    Project,
    Model,
    Provider,
    Day,

    /// <summary>The schedule whose run the spend was for (through the task's origin); null for other spend.</summary>
    Schedule,
}

/// <summary>
/// Which ledger rows to sum: instants [<paramref name="FromUtc"/>, <paramref name="ToUtc"/>), optionally one user,
/// project or task; grouped by one dimension, and by local day in <paramref name="Zone"/> when
/// <paramref name="ByDay"/> is set (for charts).
/// </summary>
internal sealed record SpendQuery(DateTime FromUtc, DateTime ToUtc, TimeZoneInfo Zone, SpendGrouping GroupBy = SpendGrouping.None, bool ByDay = false)
{
    public long? UserId { get; init; }

    public string? Project { get; init; }

    public string? TaskId { get; init; }
}

/// <summary>One group's spend.</summary>
/// <param name="Day">The local day (when grouped by day).</param>
/// <param name="Group">The group's key (user id, project, model, provider), or null.</param>
internal sealed record SpendRow(DateOnly? Day, string? Group, Usd Cost, int Calls, long InputTokens, long OutputTokens, int Unpriced, int Interrupted, int Running);

/// <summary>
/// Sums the ledger. Days are local days of the query's time zone: each day's UTC bounds are computed here (so DST
/// and half-hour zones are right) and the database scans each day's range on the time index.
/// </summary>
internal sealed class SpendReports(CostsDbContext db)
{
    public async Task<IReadOnlyList<SpendRow>> QueryAsync(SpendQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var byDay = query.ByDay || query.GroupBy == SpendGrouping.Day;
        var buckets = byDay ? Days(query) : [(default(DateOnly), query.FromUtc, query.ToUtc)];
        if (buckets.Count == 0)
        {
            return [];
        }

        var groupColumn = query.GroupBy switch
        {
            SpendGrouping.User => "CAST(l.\"UserId\" AS TEXT)",
            SpendGrouping.Project => "l.\"Project\"",
            SpendGrouping.Model => "l.\"Endpoint\" || ':' || l.\"Model\"",
            SpendGrouping.Provider => "l.\"Provider\"",
            SpendGrouping.Schedule => "CASE WHEN o.\"Origin\" LIKE 'schedule:%' THEN substr(o.\"Origin\", 10) END",
            _ => "NULL",
        };

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("WITH buckets(day, s, e) AS (VALUES ");
        for (var i = 0; i < buckets.Count; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ", ")}(@d{i}, @s{i}, @e{i})");
            Add(command, $"@d{i}", i);
            Add(command, $"@s{i}", buckets[i].StartUtc.Ticks);
            Add(command, $"@e{i}", buckets[i].EndUtc.Ticks);
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            )
            SELECT b.day, {groupColumn} AS grp, SUM(l."CostMicros"), COUNT(*), SUM(l."InputTokens"), SUM(l."OutputTokens"),
                   SUM(l."Source" = 'Unpriced'), SUM(l."Status" = 'Interrupted'), SUM(l."Status" = 'Running')
            FROM buckets b JOIN costs_ledger l ON l."AtUtc" >= b.s AND l."AtUtc" < b.e
            """);
        if (query.GroupBy == SpendGrouping.Schedule)
        {
            sql.Append(" LEFT JOIN costs_task_origins o ON o.\"TaskId\" = l.\"TaskId\"");
        }

        sql.Append(" WHERE 1 = 1");
        if (query.UserId is { } user)
        {
            sql.Append(" AND l.\"UserId\" = @user");
            Add(command, "@user", user);
        }

        if (query.Project is { } project)
        {
            sql.Append(" AND l.\"Project\" = @project");
            Add(command, "@project", project);
        }

        if (query.TaskId is { } task)
        {
            sql.Append(" AND l.\"TaskId\" = @task");
            Add(command, "@task", task);
        }

        sql.Append(" GROUP BY b.day, grp ORDER BY b.day, 3 DESC");
        command.CommandText = sql.ToString();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        List<SpendRow> rows = [];
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SpendRow(
                byDay ? buckets[reader.GetInt32(0)].Day : null,
                reader.IsDBNull(1) ? null : reader.GetString(1),
                Usd.FromMicros(reader.GetInt64(2)),
                reader.GetInt32(3),
                reader.GetInt64(4),
                reader.GetInt64(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetInt32(8)));
        }

        return rows;
    }

    /// <summary>The local days the query spans, each with its UTC bounds clipped to the query.</summary>
    private static List<(DateOnly Day, DateTime StartUtc, DateTime EndUtc)> Days(SpendQuery query)
    {
        List<(DateOnly, DateTime, DateTime)> days = [];
        var instant = query.FromUtc;
        while (instant < query.ToUtc && days.Count < 3660)
        {
            var period = Budgets.BudgetPeriod.Containing(Budgets.PeriodKind.Day, instant, query.Zone);
            var local = TimeZoneInfo.ConvertTimeFromUtc(period.StartUtc, query.Zone);
            var end = period.EndUtc < query.ToUtc ? period.EndUtc : query.ToUtc;
            days.Add((DateOnly.FromDateTime(local), instant, end));
            instant = end;
        }

        return days;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        (parameter.ParameterName, parameter.Value) = (name, value);
        command.Parameters.Add(parameter);
    }
}
