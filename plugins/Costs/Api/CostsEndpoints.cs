using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Costs.Reports;

namespace PluginBot.Plugins.Costs.Api;

/// <summary>
/// <c>GET /api/costs</c> (JSON), <c>GET /api/costs.csv</c> and <c>GET /api/budgets</c> (admins). Requests go through
/// the kernel pipeline as the bearer token's actor, so a user token reads only its own spend. Amounts come as
/// <c>…Usd</c> (a number of dollars, <see cref="Usd"/>'s JSON) beside the <c>…Micros</c> fields host API 1.x clients read.
/// </summary>
internal static class CostsEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/costs", async (HttpContext http, [AsParameters] QueryCosts query) =>
            Results.Ok(Json(await SendAsync(http, query))))
            .RequireActor();

        endpoints.MapGet("/api/costs.csv", async (HttpContext http, [AsParameters] QueryCosts query) =>
        {
            var report = await SendAsync(http, query);
            var fileName = string.Create(CultureInfo.InvariantCulture, $"costs-{report.Period.First:yyyy-MM-dd}-{report.Period.Last:yyyy-MM-dd}.csv");
            return Results.File(Encoding.UTF8.GetBytes(Csv(report)), "text/csv; charset=utf-8", fileName);
        }).RequireActor();

        endpoints.MapGet("/api/budgets", async (HttpContext http) =>
        {
            var view = await SendAsync(http, new QueryBudgets());
            return Results.Ok(new
            {
                allowUnpriced = view.AllowUnpriced,
                warnAtPercent = view.WarnAtPercent,
                budgets = view.Budgets.Select(b => new
                {
                    budget = b.Budget,
                    userId = b.UserId,
                    limitUsd = b.Limit,
                    limitMicros = b.Limit?.Micros,
                    limit = b.Limit?.ToString(),
                    origin = b.Origin,
                    spentUsd = b.Spent,
                    spentMicros = b.Spent?.Micros,
                    period = b.Period,
                    resetsAtUtc = b.ResetsAtUtc,
                    timeZone = b.TimeZone,
                }),
            });
        }).RequireActor();
    }

    private static Task<TResponse> SendAsync<TResponse>(HttpContext http, IRequest<TResponse> request) =>
        http.RequestServices.GetRequiredService<IMediator>().Send(request, http.RequestAborted);

    private static object Json(CostReport report) => new
    {
        from = report.Period.First,
        to = report.Period.Last,
        timeZone = report.Period.Zone.Id,
        groupBy = report.GroupBy.ToString().ToLowerInvariant(),
        userId = report.UserId,
        totalUsd = report.Total,
        totalMicros = report.Total.Micros,
        total = report.Total.ToString(),
        calls = report.Calls,
        unpricedCalls = report.Unpriced,
        interruptedCalls = report.Interrupted,
        runningCalls = report.Running,
        rows = report.Groups.Select(g => new
        {
            day = g.Day,
            group = g.Group,
            costUsd = g.Cost,
            costMicros = g.Cost.Micros,
            cost = g.Cost.ToString(),
            calls = g.Calls,
            inputTokens = g.InputTokens,
            outputTokens = g.OutputTokens,
            unpricedCalls = g.Unpriced,
            interruptedCalls = g.Interrupted,
        }),
    };

    private static string Csv(CostReport report)
    {
        var csv = new StringBuilder("day,group,cost_usd,cost_micros,calls,input_tokens,output_tokens,unpriced_calls,interrupted_calls\r\n");
        foreach (var row in report.Days)
        {
            var dollars = row.Cost.Dollars.ToString("0.000000", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{row.Day:yyyy-MM-dd},{CsvText.Field(row.Group)},{dollars},{row.Cost.Micros},{row.Calls},{row.InputTokens},{row.OutputTokens},{row.Unpriced},{row.Interrupted}\r\n");
        }

        return csv.ToString();
    }
}
