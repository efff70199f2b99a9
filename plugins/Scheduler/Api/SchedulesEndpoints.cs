using System.Globalization;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Scheduler.Features;
using PluginBot.Plugins.Scheduler.Model;

namespace PluginBot.Plugins.Scheduler.Api;

/// <summary>
/// The schedule API: the chat commands' requests (<see cref="CreateSchedule.Command"/>,
/// <see cref="ManageSchedules.ListSchedules"/>, <see cref="ManageSchedules.ChangeSchedule"/>) sent through the kernel
/// pipeline as the bearer token's actor, their views written as JSON. A user token sees and changes its own
/// schedules; the admin token sees all (<c>?mine=true</c> for its own).
/// </summary>
internal static class SchedulesEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/schedules").RequireActor();
        api.MapGet("", async (HttpContext http, bool? mine) =>
        {
            var me = http.RequestServices.GetRequiredService<IActorAccessor>().Current!;
            var list = await SendAsync(http, new ManageSchedules.ListSchedules(me.IsPrivileged && mine != true));
            return Results.Json(list.Schedules, Json);
        });
        api.MapGet("/{id}", async (HttpContext http, string id) =>
            Results.Json((await SendAsync(http, new ManageSchedules.ChangeSchedule(id, ScheduleAction.Show))).Schedule, Json));
        api.MapPost("", async (HttpContext http, CreateScheduleBody body) =>
        {
            var created = await SendAsync(http, new CreateSchedule.Command(body.Cron ?? "", body.Prompt ?? "", Conversation: null)
            {
                TimeZone = body.Tz,
                Misfire = body.Misfire,
                Overlap = body.Overlap,
                Model = body.Model,
                Budget = body.Budget?.ToString(CultureInfo.InvariantCulture),
                Project = body.Project,
                Key = IdempotencyKey(http),
            });
            http.Response.Headers.Location = $"/api/schedules/{created.Schedule.Id}";
            return Results.Json(created.Schedule, Json, statusCode: StatusCodes.Status201Created);
        });
        api.MapDelete("/{id}", async (HttpContext http, string id) =>
        {
            await SendAsync(http, new ManageSchedules.ChangeSchedule(id, ScheduleAction.Delete));
            return Results.NoContent();
        });
        api.MapPost("/{id}/pause", (HttpContext http, string id) => ChangeAsync(http, id, ScheduleAction.Pause));
        api.MapPost("/{id}/resume", (HttpContext http, string id) => ChangeAsync(http, id, ScheduleAction.Resume));
        api.MapPost("/{id}/run", async (HttpContext http, string id) =>
        {
            var run = await SendAsync(http, new ManageSchedules.ChangeSchedule(id, ScheduleAction.Run)
            {
                Key = IdempotencyKey(http),
            });
            http.Response.Headers.Location = $"/api/tasks/{run.TaskId}";
            return Results.Json(new { taskId = run.TaskId, schedule = run.Schedule }, Json, statusCode: StatusCodes.Status201Created);
        });
    }

    /// <summary>
    /// The body of <c>POST /api/schedules</c>: the flags of <c>/task --cron</c> by name; cron and prompt are required,
    /// the budget is in dollars. Runs report privately to the owner (there is no chat to report to).
    /// </summary>
    internal sealed record CreateScheduleBody(string? Cron, string? Prompt, string? Tz, string? Misfire, string? Overlap, string? Model, decimal? Budget, string? Project);

    /// <summary>The client's <c>Idempotency-Key</c>, kept apart from chat delivery keys.</summary>
    private static string? IdempotencyKey(HttpContext http) =>
        http.Request.Headers["Idempotency-Key"] is { Count: > 0 } key ? $"http:{key}" : null;

    private static async Task<IResult> ChangeAsync(HttpContext http, string id, ScheduleAction action) =>
        Results.Json((await SendAsync(http, new ManageSchedules.ChangeSchedule(id, action))).Schedule, Json);

    private static Task<TResponse> SendAsync<TResponse>(HttpContext http, IRequest<TResponse> request) =>
        http.RequestServices.GetRequiredService<IMediator>().Send(request, http.RequestAborted);
}
