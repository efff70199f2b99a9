using Microsoft.EntityFrameworkCore;

namespace PluginBot.Plugins.Telegram.Storage;

/// <summary>
/// The plugin's tables: the update inbox (updates received but not yet handled) and small state values such as
/// the next <c>getUpdates</c> offset. Stored together, so an update is never lost between Telegram and a handler.
/// </summary>
internal sealed class TelegramDbContext(DbContextOptions<TelegramDbContext> options) : DbContext(options)
{
    public DbSet<InboxRow> Inbox => Set<InboxRow>();

    public DbSet<StateRow> State => Set<StateRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxRow>(inbox =>
        {
            inbox.ToTable("telegram_inbox");
            inbox.HasKey(r => r.UpdateId);
            inbox.Property(r => r.UpdateId).ValueGeneratedNever();
            inbox.Property(r => r.Json).IsRequired();
            inbox.HasIndex(r => r.HandledAtUtc);
        });
        modelBuilder.Entity<StateRow>(state =>
        {
            state.ToTable("telegram_state");
            state.HasKey(r => r.Key);
            state.Property(r => r.Key).HasMaxLength(64);
            state.Property(r => r.Value).IsRequired();
        });
    }
}

/// <summary>
/// An update as Telegram sent it, kept until it has been handled; then only its id and when it was handled are kept
/// for a day, so a webhook delivery Telegram repeats is recognised.
/// </summary>
internal sealed class InboxRow
{
    public long UpdateId { get; set; }

    public required string Json { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    public DateTime? HandledAtUtc { get; set; }
}

internal sealed class StateRow
{
    public const string NextOffset = "next_update_offset";

    public required string Key { get; set; }

    public required string Value { get; set; }
}
