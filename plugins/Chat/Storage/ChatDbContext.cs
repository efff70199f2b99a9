using Microsoft.EntityFrameworkCore;

namespace PluginBot.Plugins.Chat.Storage;

/// <summary>Conversation memory, in tables prefixed <c>chat_</c> on the host's database.</summary>
internal sealed class ChatDbContext(DbContextOptions<ChatDbContext> options) : DbContext(options)
{
    public DbSet<ConversationRow> Conversations => Set<ConversationRow>();

    public DbSet<MessageRow> Messages => Set<MessageRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ConversationRow>(e =>
        {
            e.ToTable("chat_conversations");
            e.HasKey(c => c.Id);
            e.Property(c => c.Transport).HasMaxLength(32);
            e.Property(c => c.ChatId).HasMaxLength(128);
            e.Property(c => c.ThreadId).HasMaxLength(128);
            // SQLite keeps no DateTimeKind: the stored instants are UTC.
            e.Property(c => c.StartedAtUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            e.Property(c => c.EndedAtUtc).HasConversion(v => v, v => v == null ? null : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
            e.HasIndex(c => new { c.UserId, c.Transport, c.ChatId, c.ThreadId });
        });

        modelBuilder.Entity<MessageRow>(e =>
        {
            e.ToTable("chat_messages");
            e.HasKey(m => m.Id);
            e.Property(m => m.Role).HasMaxLength(16);
            e.Property(m => m.CreatedAtUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            e.HasOne<ConversationRow>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(m => m.ConversationId);
        });
    }
}

/// <summary>One conversation of one user in one chat (and topic); the open one has no end.</summary>
internal sealed class ConversationRow
{
    public long Id { get; set; }

    public string Transport { get; set; } = "";

    public string ChatId { get; set; } = "";

    public string? ThreadId { get; set; }

    public long UserId { get; set; }

    public DateTime StartedAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }
}

/// <summary>One message of a conversation: what the user wrote or what the model answered.</summary>
internal sealed class MessageRow
{
    public const string User = "user";
    public const string Assistant = "assistant";

    public long Id { get; set; }

    public long ConversationId { get; set; }

    public string Role { get; set; } = User;

    public string Text { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
