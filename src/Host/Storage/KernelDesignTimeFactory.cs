using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PluginBot.Abstractions.Storage;

namespace PluginBot.Host.Storage;

/// <summary>Lets <c>dotnet ef migrations add X --project src/Host</c> build the kernel's context without starting the host.</summary>
internal sealed class KernelDesignTimeFactory : IDesignTimeDbContextFactory<KernelDbContext>
{
    public KernelDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<KernelDbContext>()
            .UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsHistoryTable(StorageConventions.MigrationsHistoryTable(KernelDbContext.PluginId)))
            .Options);
}
