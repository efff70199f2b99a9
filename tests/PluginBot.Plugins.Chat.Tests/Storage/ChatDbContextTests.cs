using Microsoft.EntityFrameworkCore;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Tests.Storage;

public sealed class ChatDbContextTests
{
    [Fact]
    public void The_migrations_match_the_model()
    {
        using var db = new ChatDbContext(new DbContextOptionsBuilder<ChatDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public void Every_table_is_prefixed_with_the_plugin_id()
    {
        using var db = new ChatDbContext(new DbContextOptionsBuilder<ChatDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.All(db.Model.GetEntityTypes(), e => Assert.StartsWith("chat_", e.GetTableName(), StringComparison.Ordinal));
    }
}
