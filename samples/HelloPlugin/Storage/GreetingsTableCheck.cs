using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HelloPlugin.Storage;

/// <summary>Readiness: the plugin's table answers. Shown in <c>/health/ready</c> as <c>hello:greetings</c>.</summary>
internal sealed class GreetingsTableCheck(HelloDbContext database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var count = await database.Greetings.CountAsync(cancellationToken);
        return HealthCheckResult.Healthy($"{count} greetings recorded");
    }
}
