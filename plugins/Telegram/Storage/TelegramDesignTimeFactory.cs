#if EF_DESIGN_TIME
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PluginBot.Plugins.Telegram.Storage;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host; unused at run time.</summary>
internal sealed class TelegramDesignTimeFactory : IDesignTimeDbContextFactory<TelegramDbContext>
{
    public TelegramDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TelegramDbContext>()
            .UseSqlite("Data Source=telegram-design-time.db", sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory_telegram"))
            .Options);
}
#endif
