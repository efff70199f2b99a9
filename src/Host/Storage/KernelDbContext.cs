using Microsoft.EntityFrameworkCore;

namespace PluginBot.Host.Storage;

/// <summary>The kernel's own tables, all prefixed <c>kernel_</c>.</summary>
internal sealed class KernelDbContext(DbContextOptions<KernelDbContext> options) : DbContext(options)
{
    public const string PluginId = "kernel";

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<SettingRow> Settings => Set<SettingRow>();

    public DbSet<AuditRow> AuditLog => Set<AuditRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<ButtonTokenRow> ButtonTokens => Set<ButtonTokenRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UserRow>(e =>
        {
            e.ToTable("kernel_users");
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).ValueGeneratedNever();
            e.Property(u => u.ChangedBy).HasMaxLength(64);
        });
        modelBuilder.Entity<ApiTokenRow>(e =>
        {
            e.ToTable("kernel_api_tokens");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(16);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.TokenHash).HasMaxLength(64);
            e.HasIndex(t => t.TokenHash).IsUnique();
        });
        modelBuilder.Entity<SettingRow>(e =>
        {
            e.ToTable("kernel_settings");
            e.HasKey(s => new { s.Scope, s.Key });
            e.Property(s => s.Scope).HasMaxLength(200);
            e.Property(s => s.Key).HasMaxLength(100);
        });
        modelBuilder.Entity<AuditRow>(e =>
        {
            e.ToTable("kernel_audit_log");
            e.HasKey(a => a.Id);
            e.HasIndex(a => a.AtUtc);
            e.Property(a => a.Action).HasMaxLength(200);
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("kernel_outbox");
            e.HasKey(o => o.Id);
            e.HasIndex(o => o.DedupeKey).IsUnique();
            e.HasIndex(o => o.DispatchedAtUtc);
            e.Property(o => o.DedupeKey).HasMaxLength(200);
            e.Property(o => o.EventType).HasMaxLength(300);
        });
        modelBuilder.Entity<ButtonTokenRow>(e =>
        {
            e.ToTable("kernel_button_tokens");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(16);
            e.Property(b => b.RequestType).HasMaxLength(300);
            e.HasIndex(b => b.ExpiresAtUtc);
        });
    }
}
