using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Features;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Api;

/// <summary><c>GET /api/tasks</c>: a user's own tasks (everyone's for admins), newest first, filtered.</summary>
[NotRateLimited]
internal sealed record QueryTasks(string? Status = null, string? Project = null, long? UserId = null, int? Limit = null) : IRequest<List<TaskRow>>;

/// <summary><c>GET /api/tasks/{id}</c> and <c>/output</c>.</summary>
[Access(AccessLevel.Owner)]
[NotRateLimited]
internal sealed record GetTask(string TaskId) : IRequest<TaskRow>, ITaskRequest;

[Access(AccessLevel.Owner)]
[NotRateLimited]
internal sealed record GetTaskOutput(string TaskId) : IRequest<string>, ITaskRequest;

/// <summary><c>POST /api/tasks</c>.</summary>
[Audited]
internal sealed record CreateTask(string Prompt, string? Model, decimal? Budget, string? Project, string? After) : IRequest<TaskRow>;

/// <summary><c>POST /api/tasks/{id}/stop</c>.</summary>
[Access(AccessLevel.Owner)]
[Audited]
internal sealed record StopTaskOverHttp(string TaskId) : IRequest<Move>, ITaskRequest;

internal sealed class TaskQueryHandlers(TasksDbContext db, TaskStore store, TaskCreator creator, RunningTasks running, IProjectRegistry projects, IActorAccessor actor) :
    IRequestHandler<QueryTasks, List<TaskRow>>,
    IRequestHandler<GetTask, TaskRow>,
    IRequestHandler<GetTaskOutput, string>,
    IRequestHandler<CreateTask, TaskRow>,
    IRequestHandler<StopTaskOverHttp, Move>
{
    public async Task<List<TaskRow>> Handle(QueryTasks request, CancellationToken cancellationToken)
    {
        var me = actor.Current!;
        if (request.UserId is { } other && other != me.Id && !me.IsPrivileged)
        {
            throw new ForbiddenException("A user token reads only its own tasks; leave out userId.");
        }

        var errors = new List<FieldError>();
        TaskState? status = null;
        if (request.Status is { } typed)
        {
            // By name only: Enum.TryParse would also take numbers and comma lists.
            var name = typed.Replace("_", "", StringComparison.Ordinal);
            status = Enum.GetValues<TaskState>().Select(v => (TaskState?)v).FirstOrDefault(v => string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase));
            if (status is null)
            {
                errors.Add(new FieldError("status", $"'{typed}' is not a status; use one of {string.Join(", ", Enum.GetNames<TaskState>().Select(n => n.ToLowerInvariant()))}"));
            }
        }

        if (request.Limit is < 1 or > 1000)
        {
            errors.Add(new FieldError("limit", "must be between 1 and 1000"));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        var tasks = db.Tasks.AsNoTracking();
        var owner = me.IsPrivileged ? request.UserId : me.Id;
        if (owner is { } id)
        {
            tasks = tasks.Where(t => t.OwnerId == id);
        }

        if (status is { } s)
        {
            tasks = tasks.Where(t => t.Status == s);
        }

        if (request.Project is { } project)
        {
            // Stored under the configured spelling, as creating a task does.
            var stored = projects.Find(project)?.Name ?? project;
            tasks = tasks.Where(t => t.Project == stored);
        }

        return await tasks.OrderByDescending(t => t.CreatedAtUtc).Take(request.Limit ?? 100).ToListAsync(cancellationToken);
    }

    public Task<TaskRow> Handle(GetTask request, CancellationToken cancellationToken) => store.RequireAsync(request.TaskId, cancellationToken);

    public async Task<string> Handle(GetTaskOutput request, CancellationToken cancellationToken)
    {
        var task = await store.RequireAsync(request.TaskId, cancellationToken);
        return await store.OutputAsync(task.Id, cancellationToken) + running.Find(task.Id)?.Pending;
    }

    public Task<TaskRow> Handle(CreateTask request, CancellationToken cancellationToken) =>
        creator.CreateAsync(new TaskDraft(request.Prompt ?? "", request.Model, request.Budget, request.Project, request.After), actor.Current!, cancellationToken);

    public Task<Move> Handle(StopTaskOverHttp request, CancellationToken cancellationToken) =>
        StopTask.StopAsync(store, running, actor.Current!, request.TaskId, cancellationToken);
}
