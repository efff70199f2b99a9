using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PluginBot.Abstractions.Storage;

namespace PluginBot.Plugins.Scheduler.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without a host (built only with <c>EfDesignTime=true</c>).
/// At run time the host configures the context on its shared connection and this class is never used.
/// </summary>
internal sealed class SchedulerDesignTimeFactory : IDesignTimeDbContextFactory<SchedulerDbContext>
{
    public SchedulerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>()
            .UseSqlite("Data Source=scheduler-design-time.db", sqlite => sqlite.MigrationsHistoryTable(StorageConventions.MigrationsHistoryTable("scheduler")))
            .Options);
}
