using Microsoft.AspNetCore.Http;
using PluginBot.Host.Configuration;
using PluginBot.Host.Identity;

namespace PluginBot.Host.Operations;

/// <summary>
/// <c>/metrics</c> answers only a bearer token: <c>METRICS_TOKEN</c> (for Prometheus's <c>authorization</c> setting)
/// or the admin token. Anyone else who can reach the port learns nothing, not even which metrics exist.
/// </summary>
internal sealed class MetricsAuthorization(RequestDelegate next, KernelSettings kernel, OperationsSettings settings)
{
    public async Task InvokeAsync(HttpContext context)
    {
        string[] accepted = [.. new[] { settings.MetricsToken, kernel.AdminToken }.OfType<string>()];
        if (accepted.Length == 0)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Metrics need a token: set METRICS_TOKEN (or API_ADMIN_TOKEN) and give it to Prometheus as a bearer token.").ExecuteAsync(context);
            return;
        }

        const string scheme = "Bearer ";
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        if (presented.Length == 0 || !accepted.Any(token => ApiTokenService.SecretEquals(presented, token)))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "Send METRICS_TOKEN (or API_ADMIN_TOKEN) as a bearer token: in Prometheus, authorization: { credentials: ... }.").ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
