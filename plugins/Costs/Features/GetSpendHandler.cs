using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Plugins.Costs.Reports;

namespace PluginBot.Plugins.Costs.Features;

/// <summary>Answers <see cref="GetSpend"/> from the ledger; a user only ever reads their own calls.</summary>
internal sealed class GetSpendHandler(SpendReports reports, IActorAccessor actor) : IRequestHandler<GetSpend, SpendSummary>
{
    public async Task<SpendSummary> Handle(GetSpend request, CancellationToken cancellationToken)
    {
        var asker = actor.Current!;
        var userId = request.UserId;
        if (!asker.IsPrivileged)
        {
            if (userId is { } other && other != asker.Id)
            {
                throw new ForbiddenException("You can only see your own spend.");
            }

            userId = asker.Id;
        }

        var query = new SpendQuery(request.FromUtc ?? DateTime.MinValue, request.ToUtc ?? DateTime.MaxValue, TimeZoneInfo.Utc)
        {
            UserId = userId,
            Project = request.Project,
            TaskId = request.TaskId,
        };
        var rows = await reports.QueryAsync(query, cancellationToken);
        return rows.Count == 0
            ? SpendSummary.None
            : new SpendSummary(
                rows.Sum(r => r.CostMicros), rows.Sum(r => r.Calls), rows.Sum(r => r.InputTokens), rows.Sum(r => r.OutputTokens),
                rows.Sum(r => r.Unpriced), rows.Sum(r => r.Interrupted), rows.Sum(r => r.Running));
    }
}
