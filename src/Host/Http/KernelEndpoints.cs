using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Plugins;
using PluginBot.Host.Plugins;

namespace PluginBot.Host.Http;

/// <summary>The kernel's own HTTP surface: liveness, readiness and the plugin catalog.</summary>
internal static class KernelEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Liveness: the process answers. No checks, so a slow provider never gets the bot restarted.
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(PluginHealthChecksBuilder.ReadyTag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        });
        endpoints.MapGet("/api/plugins", (PluginCatalog catalog) => Results.Ok(catalog.Plugins.Select(p => new
        {
            p.Manifest.Id,
            p.Manifest.Name,
            p.Manifest.Version,
            p.Manifest.HostApi,
            p.Manifest.Dependencies,
            p.Manifest.OptionalDependencies,
            p.Manifest.Description,
            Status = p.Status.ToString(),
            p.Reason,
            p.Warnings,
        }))).RequireActor(adminOnly: true);
    }

    /// <summary>
    /// Anyone may probe readiness, so an anonymous caller (or a user) gets the statuses only: the reasons name the
    /// database file, provider addresses and provider errors. An admin gets the reasons too, with credentials redacted.
    /// </summary>
    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var admin = context.RequestServices.GetRequiredService<IActorAccessor>().Current is { IsPrivileged: true };
        object body = admin
            ? new
            {
                status = report.Status.ToString(),
                durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    reason = Redaction.Text(e.Value.Description ?? e.Value.Exception?.Message),
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                }),
            }
            : new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString() }),
            };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
