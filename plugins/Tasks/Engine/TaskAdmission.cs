using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// Lets a new task in only while its owner has a place: at most <see cref="TasksOptions.MaxActivePerUser"/> active
/// tasks each (the bot's own are not counted), so nobody fills the queue for everyone else. The count and the insert
/// share one write transaction, so two tasks sent at once cannot both take the last place.
/// </summary>
internal sealed class TaskAdmission(TasksDbContext db, TaskStore store, IOptions<TasksOptions> options)
{
    public async Task<TaskRow> AddAsync(TaskRow task, Actor by, CancellationToken cancellationToken)
    {
        if (by.Kind == ActorKind.System)
        {
            return await store.AddAsync(task, by.ToString(), cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var most = options.Value.MaxActivePerUser;
        var active = await db.Tasks.CountAsync(t => t.OwnerId == task.OwnerId && TaskStates.Active.Contains(t.Status), cancellationToken);
        if (active >= most)
        {
            var who = task.OwnerId == by.Id ? "You have" : string.Create(CultureInfo.InvariantCulture, $"User {task.OwnerId} has");
            throw new ConflictException(string.Create(CultureInfo.InvariantCulture,
                $"{who} {active} active tasks, the most one person may have (Plugins:Tasks:MaxActivePerUser). Stop one with /taskstop ID (or POST /api/tasks/ID/stop), or wait for one to end; /taskstatus lists them."));
        }

        var added = await store.AddAsync(task, by.ToString(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }
}
