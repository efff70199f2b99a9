using Microsoft.EntityFrameworkCore;

namespace PluginBot.Plugins.Costs.Storage;

/// <summary>The ledger and budgets, in tables prefixed <c>costs_</c> on the host's database.</summary>
internal sealed class CostsDbContext(DbContextOptions<CostsDbContext> options) : DbContext(options)
{
    public DbSet<LedgerRow> Ledger => Set<LedgerRow>();

    public DbSet<BudgetRow> Budgets => Set<BudgetRow>();

    public DbSet<NoticeRow> Notices => Set<NoticeRow>();

    public DbSet<TaskOriginRow> TaskOrigins => Set<TaskOriginRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<LedgerRow>(e =>
        {
            e.ToTable("costs_ledger");
            e.HasKey(r => r.AttemptId);
            // Ticks, not text: range scans over a million rows compare integers.
            e.Property(r => r.AtUtc).HasConversion(v => v.Ticks, v => new DateTime(v, DateTimeKind.Utc));
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Source).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Outcome).HasMaxLength(16);
            e.Property(r => r.Purpose).HasMaxLength(32);
            e.Property(r => r.Project).HasMaxLength(64);
            e.Property(r => r.TaskId).HasMaxLength(64);
            e.Property(r => r.IdempotencyKey).HasMaxLength(200);
            e.Property(r => r.Endpoint).HasMaxLength(64);
            e.Property(r => r.EndpointKind).HasMaxLength(32);
            e.Property(r => r.Provider).HasMaxLength(64);
            e.Property(r => r.Model).HasMaxLength(200);
            e.Property(r => r.PriceKey).HasMaxLength(200);
            e.Property(r => r.Error).HasMaxLength(500);
            // Budget checks sum CostMicros over these ranges; carrying it in the index spares a table lookup per row.
            e.HasIndex(r => new { r.AtUtc, r.CostMicros });
            e.HasIndex(r => new { r.UserId, r.AtUtc, r.CostMicros });
            e.HasIndex(r => new { r.Project, r.AtUtc });
            e.HasIndex(r => new { r.TaskId, r.CostMicros });
            e.HasIndex(r => r.Status).HasFilter("\"Status\" = 'Running'");
        });

        modelBuilder.Entity<BudgetRow>(e =>
        {
            e.ToTable("costs_budgets");
            e.HasKey(b => new { b.Scope, b.UserId, b.Period });
            e.Property(b => b.Scope).HasMaxLength(16);
            e.Property(b => b.Period).HasMaxLength(16);
            e.Property(b => b.ChangedBy).HasMaxLength(64);
            e.Property(b => b.ChangedAtUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        });

        modelBuilder.Entity<NoticeRow>(e =>
        {
            e.ToTable("costs_notices");
            e.HasKey(n => n.Key);
            e.Property(n => n.Key).HasMaxLength(300);
            e.Property(n => n.SentAtUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        });

        modelBuilder.Entity<TaskOriginRow>(e =>
        {
            e.ToTable("costs_task_origins");
            e.HasKey(o => o.TaskId);
            e.Property(o => o.TaskId).HasMaxLength(64);
            e.Property(o => o.Origin).HasMaxLength(200);
        });
    }
}
