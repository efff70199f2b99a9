using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Plugins.Costs.Reports;

namespace PluginBot.Plugins.Costs.Features;

/// <summary>Answers <see cref="GetSpend"/> from the ledger; a user only ever reads their own calls.</summary>
internal sealed class GetSpendHandler(SpendReports reports, IActorAccessor actor) : IRequestHandler<GetSpend, SpendSummary>
{
    public async Task<SpendSummary> Handle(GetSpend request, CancellationToken cancellationToken)
    {
        var userId = SpendAccess.UserFor(actor.Current!, request.UserId, "You can only see your own spend.");
        var query = new SpendQuery(request.FromUtc ?? DateTime.MinValue, request.ToUtc ?? DateTime.MaxValue, TimeZoneInfo.Utc)
        {
            UserId = userId,
            Project = request.Project,
            TaskId = request.TaskId,
        };
        // Ungrouped, the query has one bucket and one group: at most one row.
        return (await reports.QueryAsync(query, cancellationToken)) is [var row]
            ? new SpendSummary(row.Cost, row.Calls, row.InputTokens, row.OutputTokens, row.Unpriced, row.Interrupted, row.Running)
            : SpendSummary.None;
    }
}
