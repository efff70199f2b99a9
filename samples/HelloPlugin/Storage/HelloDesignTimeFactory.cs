using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HelloPlugin.Storage;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the context without a host. At run time the host configures the
/// context (shared connection, history table <c>__EFMigrationsHistory_hello</c>) and this class is never used.
/// </summary>
internal sealed class HelloDesignTimeFactory : IDesignTimeDbContextFactory<HelloDbContext>
{
    public HelloDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<HelloDbContext>()
            .UseSqlite("Data Source=hello-design-time.db", sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory_hello"))
            .Options);
}
