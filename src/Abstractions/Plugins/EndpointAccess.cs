using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;

namespace PluginBot.Abstractions.Plugins;

/// <summary>Access rules for HTTP endpoints, the host's and plugins' alike.</summary>
public static class EndpointAccess
{
    /// <summary>
    /// Answers 401 (RFC 7807) unless the request carries a valid bearer token (the admin token or a user token), and
    /// 403 to users when <paramref name="adminOnly"/>. Otherwise what the caller may do is decided by the request
    /// pipeline, as for commands.
    /// </summary>
    public static TBuilder RequireActor<TBuilder>(this TBuilder builder, bool adminOnly = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var actor = context.HttpContext.RequestServices.GetRequiredService<IActorAccessor>().Current;
            if (actor is null)
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Unauthorized",
                    detail: "Send Authorization: Bearer <token> (API_ADMIN_TOKEN, or a user token from `pluginbot token create --user <id>`).");
            }

            if (adminOnly && !actor.IsPrivileged)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "This endpoint is for admins.");
            }

            return await next(context);
        });
}
