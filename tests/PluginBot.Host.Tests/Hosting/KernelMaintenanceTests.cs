using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PluginBot.Host.Hosting;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Hosting;

[Collection(TestHandlersCollection.Name)]
public sealed class KernelMaintenanceTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    [Fact]
    public async Task Audit_rows_past_retention_expired_buttons_and_old_delivered_events_are_removed()
    {
        var now = Host.Clock.GetUtcNow().UtcDateTime;
        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            db.AuditLog.AddRange(
                new AuditRow { AtUtc = now.AddDays(-91), Action = "old" },
                new AuditRow { AtUtc = now.AddDays(-89), Action = "recent" });
            db.ButtonTokens.AddRange(
                new ButtonTokenRow { Id = "expiredexpired00", RequestType = "x", PayloadJson = "{}", ExpiresAtUtc = now.AddMinutes(-1) },
                new ButtonTokenRow { Id = "livelivelivelive", RequestType = "x", PayloadJson = "{}", ExpiresAtUtc = now.AddMinutes(1) });
            db.Outbox.AddRange(
                new OutboxRow { DedupeKey = "old-delivered", EventType = "x", PayloadJson = "{}", DispatchedAtUtc = now.AddDays(-8) },
                new OutboxRow { DedupeKey = "old-pending", EventType = "x", PayloadJson = "{}", EnqueuedAtUtc = now.AddDays(-8), Attempts = 10 });
            await db.SaveChangesAsync();
        }

        var maintenance = Host.Services.GetServices<IHostedService>().OfType<KernelMaintenance>().Single();
        await maintenance.RunOnceAsync(CancellationToken.None);

        await using var check = Host.CreateScope(HostFixture.System);
        var kernel = check.ServiceProvider.GetRequiredService<KernelDbContext>();
        Assert.Equal(["recent"], await kernel.AuditLog.Select(a => a.Action).ToListAsync());
        Assert.Equal(["livelivelivelive"], await kernel.ButtonTokens.Select(b => b.Id).ToListAsync());
        Assert.Equal(["old-pending"], await kernel.Outbox.Select(o => o.DedupeKey).ToListAsync());
    }
}
