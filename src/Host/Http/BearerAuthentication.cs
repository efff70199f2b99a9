using Microsoft.AspNetCore.Http;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Configuration;
using PluginBot.Host.Identity;

namespace PluginBot.Host.Http;

/// <summary>
/// Maps <c>Authorization: Bearer …</c> to the request's actor: <c>API_ADMIN_TOKEN</c> is the admin, a per-user
/// token is that user (if still allowed). A token that matches nothing is answered 401 at once.
/// </summary>
internal sealed class BearerAuthentication(RequestDelegate next, KernelSettings settings)
{
    public async Task InvokeAsync(HttpContext context, ActorAccessor actor, ApiTokenService tokens, IUserDirectory users)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            await next(context);
            return;
        }

        const string scheme = "Bearer ";
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        if (presented.Length > 0 && settings.AdminToken is { } admin && ApiTokenService.SecretEquals(presented, admin))
        {
            actor.Current = new Actor(0, ActorKind.Admin, "http");
        }
        else if (presented.StartsWith(ApiTokenService.Prefix, StringComparison.Ordinal)
            && await tokens.FindUserAsync(presented, context.RequestAborted) is { } userId)
        {
            actor.Current = await users.ResolveAsync(userId, "http", context.RequestAborted);
        }

        if (actor.Current is null)
        {
            await Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "The bearer token is not valid, revoked, or belongs to a user who is no longer allowed. Create one with `pluginbot token create --user <id>`.")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
