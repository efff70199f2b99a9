using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Features;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Api;

/// <summary>
/// The task API. Requests go through the kernel pipeline as the bearer token's actor: a user token sees, starts and
/// stops only its own tasks; the admin token sees all.
/// </summary>
internal static class TasksEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/tasks").RequireActor();
        api.MapGet("", async (HttpContext http, string? status, string? project, long? userId, int? limit) =>
            Results.Ok((await SendAsync(http, new QueryTasks(status, project, userId, limit))).Select(t => Json(t, null))));
        api.MapGet("/{id}", async (HttpContext http, string id) =>
        {
            var task = await SendAsync(http, new GetTask(id));
            return Results.Ok(Json(task, await http.RequestServices.GetRequiredService<TaskSpend>().ForAsync(task.Id, http.RequestAborted)));
        });
        api.MapGet("/{id}/output", async (HttpContext http, string id) =>
            Results.Text(await SendAsync(http, new GetTaskOutput(id)), "text/markdown; charset=utf-8"));
        api.MapPost("", async (HttpContext http, CreateTaskBody body) =>
        {
            var task = await SendAsync(http, new CreateTask(body.Prompt ?? "", body.Model, body.Budget, body.Project, body.After));
            return Results.Created($"/api/tasks/{task.Id}", Json(task, null));
        });
        api.MapPost("/{id}/stop", async (HttpContext http, string id) =>
        {
            var move = await SendAsync(http, new StopTaskOverHttp(id));
            return Results.Ok(new { stopped = move.Made, status = Status(move.Task!), message = StopTask.Describe(move) });
        });
    }

    /// <summary>The body of <c>POST /api/tasks</c>; only the prompt is required.</summary>
    internal sealed record CreateTaskBody(string? Prompt, string? Model, decimal? Budget, string? Project, string? After);

    private static Task<TResponse> SendAsync<TResponse>(HttpContext http, IRequest<TResponse> request) =>
        http.RequestServices.GetRequiredService<IMediator>().Send(request, http.RequestAborted);

    private static string Status(TaskRow task) => task.Status.ToString().ToLowerInvariant();

    private static object Json(TaskRow task, SpendSummary? spent) => new
    {
        id = task.Id,
        status = Status(task),
        ownerId = task.OwnerId,
        project = task.Project,
        prompt = task.Prompt,
        model = task.Model,
        executor = task.Executor,
        budgetMicros = task.BudgetCapMicros,
        spentMicros = spent?.CostMicros,
        spent = spent?.ToString(),
        retryCount = task.RetryCount,
        retryOf = task.RetryOf,
        after = task.After,
        stage = task.Stage,
        step = task.Step,
        resumed = task.Resumed,
        createdAtUtc = task.CreatedAtUtc,
        startedAtUtc = task.StartedAtUtc,
        finishedAtUtc = task.FinishedAtUtc,
        ranForMs = task.RanForMs,
        summary = task.Summary,
        error = task.Error,
    };
}
