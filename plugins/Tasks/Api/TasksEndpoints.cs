using System.Text.Json;
using System.Text.Json.Serialization;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Features;

namespace PluginBot.Plugins.Tasks.Api;

/// <summary>
/// The task API: the same requests as the chat commands (<see cref="EnqueueTask"/>, <see cref="GetTask"/>,
/// <see cref="ListTasks"/>, <see cref="StopTask"/>, <see cref="GetTaskOutput"/>), sent through the kernel pipeline as
/// the bearer token's actor, their views written as JSON. A user token sees, starts and stops only its own tasks; the
/// admin token sees all.
/// </summary>
internal static class TasksEndpoints
{
    /// <summary>camelCase fields, states as <c>budget_exceeded</c>, money in dollars.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/tasks").RequireActor();
        api.MapGet("", async (HttpContext http, string? status, string? project, long? userId, string? origin, int? limit, int? skip) =>
        {
            var me = http.RequestServices.GetRequiredService<IActorAccessor>().Current!;
            var page = await SendAsync(http, new ListTasks
            {
                State = ParseState(status),
                Project = project,
                OwnerId = userId,
                Everyone = me.IsPrivileged && userId is null,
                Origin = origin,
                Take = limit ?? 100,
                Skip = skip ?? 0,
            });
            if (page.More)
            {
                http.Response.Headers["X-Next-Skip"] = (page.Skipped + page.Tasks.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return Results.Json(page.Tasks, Json);
        });
        api.MapGet("/{id}", async (HttpContext http, string id) => Results.Json(await SendAsync(http, new GetTask(id)), Json));
        api.MapGet("/{id}/output", async (HttpContext http, string id) =>
            Results.Text((await SendAsync(http, new GetTaskOutput(id))).Text, "text/markdown; charset=utf-8"));
        api.MapPost("", async (HttpContext http, CreateTaskBody body) =>
        {
            var task = await SendAsync(http, new EnqueueTask(body.Prompt ?? "")
            {
                Model = body.Model,
                Budget = body.Budget is { } budget ? Usd.FromDollars(budget) : null,
                Project = body.Project,
                After = body.After,
                Origin = "http",
                IdempotencyKey = http.Request.Headers["Idempotency-Key"] is { Count: > 0 } key ? $"http:{key}" : null,
            });
            http.Response.Headers.Location = $"/api/tasks/{task.Id}";
            return Results.Json(task, Json, statusCode: StatusCodes.Status201Created);
        });
        api.MapPost("/{id}/stop", async (HttpContext http, string id) =>
        {
            var result = await SendAsync(http, new StopTask(id));
            return Results.Json(new { stopped = result.Stopped, message = TaskStop.Describe(result), task = result.Task }, Json);
        });
    }

    /// <summary>The body of <c>POST /api/tasks</c>; only the prompt is required. The budget is in dollars.</summary>
    internal sealed record CreateTaskBody(string? Prompt, string? Model, decimal? Budget, string? Project, string? After);

    private static TaskState? ParseState(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        // By name only: Enum.TryParse would also take numbers and comma lists.
        var name = typed.Replace("_", "", StringComparison.Ordinal);
        return Enum.GetValues<TaskState>().Select(v => (TaskState?)v).FirstOrDefault(v => string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase))
            ?? throw new RequestValidationException([new FieldError("status", $"'{typed}' is not a status; use one of {string.Join(", ", Enum.GetValues<TaskState>().Select(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())))}")]);
    }

    private static Task<TResponse> SendAsync<TResponse>(HttpContext http, IRequest<TResponse> request) =>
        http.RequestServices.GetRequiredService<IMediator>().Send(request, http.RequestAborted);
}
