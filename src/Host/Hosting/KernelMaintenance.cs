using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PluginBot.Host.Configuration;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Hosting;

/// <summary>Hourly: drops audit rows past retention, expired button tokens and delivered outbox entries older than a week.</summary>
internal sealed class KernelMaintenance(IServiceScopeFactory scopes, KernelSettings settings, TimeProvider time, ILogger<KernelMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Kernel maintenance failed; retrying in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        if (settings.AuditRetentionDays > 0)
        {
            var cutoff = now.AddDays(-settings.AuditRetentionDays);
            await db.AuditLog.Where(a => a.AtUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        await db.ButtonTokens.Where(b => b.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
        var delivered = now.AddDays(-7);
        await db.Outbox.Where(o => o.DispatchedAtUtc != null && o.DispatchedAtUtc < delivered).ExecuteDeleteAsync(cancellationToken);
    }
}
