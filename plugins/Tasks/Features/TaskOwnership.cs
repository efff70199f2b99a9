using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// The owner check behind <see cref="AccessLevel.Owner"/> for every task request, commands, buttons and HTTP alike
/// (the host finds it by its interfaces). A task that does not exist passes, so its handler can say "no such task".
/// </summary>
internal sealed class TaskOwnership(TasksDbContext db) :
    IRequestAuthorizer<GetTask>,
    IRequestAuthorizer<GetTaskOutput>,
    IRequestAuthorizer<StopTask>,
    IRequestAuthorizer<RetryTask.Command>,
    IRequestAuthorizer<RetryTask.Confirm>,
    IRequestAuthorizer<RetryTask.Dismiss>
{
    public ValueTask<bool> IsOwnerAsync(GetTask request, Actor actor, CancellationToken cancellationToken) => OwnsAsync(request, actor, cancellationToken);

    public ValueTask<bool> IsOwnerAsync(GetTaskOutput request, Actor actor, CancellationToken cancellationToken) => OwnsAsync(request, actor, cancellationToken);

    public ValueTask<bool> IsOwnerAsync(StopTask request, Actor actor, CancellationToken cancellationToken) => OwnsAsync(request, actor, cancellationToken);

    public ValueTask<bool> IsOwnerAsync(RetryTask.Command request, Actor actor, CancellationToken cancellationToken) => OwnsAsync(request, actor, cancellationToken);

    public ValueTask<bool> IsOwnerAsync(RetryTask.Confirm request, Actor actor, CancellationToken cancellationToken) => OwnsAsync(request, actor, cancellationToken);

    public ValueTask<bool> IsOwnerAsync(RetryTask.Dismiss request, Actor actor, CancellationToken cancellationToken) => OwnsAsync(request, actor, cancellationToken);

    private async ValueTask<bool> OwnsAsync(ITaskRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var id = TaskIds.Parse(request.TaskId);
        var owner = id is null ? null : await db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => (long?)t.OwnerId).FirstOrDefaultAsync(cancellationToken);
        // Someone else's task is answered as one that does not exist: ids are not to be probed for.
        return owner is null || owner == actor.Id ? true : throw TaskLookup.NotFound(request.TaskId);
    }
}

internal static class TaskLookup
{
    /// <summary>The task a person named, or a clear "not found".</summary>
    public static async Task<TaskRow> RequireAsync(this TaskStore store, string typed, CancellationToken cancellationToken) =>
        (TaskIds.Parse(typed) is { } id ? await store.FindAsync(id, cancellationToken) : null) ?? throw NotFound(typed);

    public static NotFoundException NotFound(string typed) =>
        new($"There is no task '{typed}'. Task ids are 6 letters and digits, like k3x9p2; /taskstatus lists yours.");
}
