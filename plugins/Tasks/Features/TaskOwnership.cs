using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>A request about one task; only its owner or an admin may send it.</summary>
public interface ITaskRequest
{
    string TaskId { get; }
}

/// <summary>
/// The owner check behind <see cref="AccessLevel.Owner"/> for every task request, commands and buttons alike. A task
/// that does not exist passes, so its handler can say "no such task".
/// </summary>
internal sealed class TaskOwnership<TRequest>(TasksDbContext db) : IRequestAuthorizer<TRequest>
    where TRequest : ITaskRequest
{
    public async ValueTask<bool> IsOwnerAsync(TRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var id = TaskIds.Parse(request.TaskId);
        var owner = id is null ? null : await db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => (long?)t.OwnerId).FirstOrDefaultAsync(cancellationToken);
        return owner is null || owner == actor.Id;
    }
}

internal static class TaskLookup
{
    /// <summary>The task a person named, or a clear "not found".</summary>
    public static async Task<TaskRow> RequireAsync(this TaskStore store, string typed, CancellationToken cancellationToken) =>
        (TaskIds.Parse(typed) is { } id ? await store.FindAsync(id, cancellationToken) : null)
        ?? throw new NotFoundException($"There is no task '{typed}'. Task ids are 6 letters and digits, like k3x9p2; /taskstatus lists yours.");
}
