using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// A denied user's queued, waiting, interrupted and running tasks are cancelled ("owner no longer allowed"), each a
/// compare-and-set like any stop, and the admins are told once which. A delivery repeated after a crash finds nothing
/// left to cancel and tells nobody again.
/// </summary>
internal sealed class UserDeniedTaskCanceller(
    TasksDbContext db,
    TaskStore store,
    RunningTasks running,
    IMessenger messenger,
    ILogger<UserDeniedTaskCanceller> logger) : INotificationHandler<UserDenied>
{
    public async Task Handle(UserDenied notification, CancellationToken cancellationToken)
    {
        var active = await db.Tasks.AsNoTracking()
            .Where(t => t.OwnerId == notification.UserId && TaskStates.Active.Contains(t.Status))
            .OrderBy(t => t.CreatedAtUtc).Select(t => t.Id)
            .ToListAsync(cancellationToken);
        var cancelled = new List<string>();
        foreach (var id in active)
        {
            var move = await store.MoveAsync(id, TaskStates.Active, TaskState.Cancelled, $"denied by {notification.DeniedBy}", OwnerStanding.NoLongerAllowed, t =>
            {
                t.Stage = null;
                t.Error = OwnerStanding.NoLongerAllowed;
            }, cancellationToken: cancellationToken);
            if (move.Made)
            {
                running.Stop(id, StopReason.Stopped);
                cancelled.Add(id);
            }
        }

        if (cancelled.Count == 0)
        {
            return;
        }

        logger.LogInformation("User {UserId} was denied: cancelled their tasks {Tasks}", notification.UserId, string.Join(", ", cancelled));
        var what = cancelled.Count == 1 ? "1 active task was cancelled" : string.Create(CultureInfo.InvariantCulture, $"{cancelled.Count} active tasks were cancelled");
        await messenger.NotifyAdminsAsync(Reply.Plain($"User {notification.UserId} is no longer allowed, so their {what}: {string.Join(", ", cancelled)}."), cancellationToken);
    }
}
