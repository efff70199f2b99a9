using Microsoft.Extensions.Diagnostics.HealthChecks;
using PluginBot.Abstractions;
using PluginBot.Plugins.Telegram.Client;

namespace PluginBot.Plugins.Telegram;

/// <summary>
/// Healthy once Telegram answered; degraded before that or while calls to it fail (the host still serves its API
/// and keeps updates in the inbox, so it is not down).
/// </summary>
internal sealed class TelegramHealthCheck(TelegramBot bot) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult((bot.LastContact, bot.LastError) switch
        {
            (null, null) => HealthCheckResult.Degraded("Not connected to Telegram yet"),
            (null, { } error) => HealthCheckResult.Degraded($"Telegram cannot be reached: {Redaction.Text(error)}"),
            (_, { } error) => HealthCheckResult.Degraded($"The last call to Telegram failed: {Redaction.Text(error)}"),
            _ => HealthCheckResult.Healthy($"Connected as @{bot.Username}"),
        });
}
