using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Plugins.Telegram.Client;

namespace PluginBot.Plugins.Telegram;

/// <summary>Ready once Telegram answered; degraded while the last call to it failed.</summary>
internal sealed class TelegramHealthCheck(TelegramBot bot) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((bot.LastContact, bot.LastError) switch
        {
            (null, null) => HealthCheckResult.Degraded("Not connected to Telegram yet"),
            (null, { } error) => HealthCheckResult.Unhealthy($"Telegram cannot be reached: {error}"),
            (_, { } error) => HealthCheckResult.Degraded($"The last call to Telegram failed: {error}"),
            _ => HealthCheckResult.Healthy($"Connected as @{bot.Username}"),
        });
}
