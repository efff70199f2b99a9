using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Ledger;

/// <summary>
/// Keeps each task's origin beside the ledger, from the task's first <see cref="TaskStateChanged"/> (delivered at least
/// once, so written with INSERT OR IGNORE). Without the Tasks plugin no such event comes and nothing is kept.
/// </summary>
internal sealed class TaskOrigins(CostsDbContext db) : INotificationHandler<TaskStateChanged>
{
    public async Task Handle(TaskStateChanged notification, CancellationToken cancellationToken)
    {
        if (notification.From is not null || notification.Origin is not { Length: > 0 } origin)
        {
            return;
        }

        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""INSERT OR IGNORE INTO costs_task_origins ("TaskId", "Origin") VALUES ({notification.TaskId}, {origin})""",
            cancellationToken);
    }
}
