using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PluginBot.Plugins.Tasks.Storage;

/// <summary>Tasks, their history and their output, in tables prefixed <c>tasks_</c> on the host's database.</summary>
internal sealed class TasksDbContext(DbContextOptions<TasksDbContext> options) : DbContext(options)
{
    public DbSet<TaskRow> Tasks => Set<TaskRow>();

    public DbSet<TransitionRow> Transitions => Set<TransitionRow>();

    public DbSet<OutputRow> Output => Set<OutputRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Ticks, not text: lease and queue comparisons are integer comparisons.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TaskRow>(e =>
        {
            e.ToTable("tasks_tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(16);
            e.Property(t => t.OwnerKind).HasMaxLength(16);
            e.Property(t => t.Transport).HasMaxLength(32);
            e.Property(t => t.ChatId).HasMaxLength(64);
            e.Property(t => t.ThreadId).HasMaxLength(64);
            e.Property(t => t.CardMessageId).HasMaxLength(64);
            e.Property(t => t.Project).HasMaxLength(64);
            e.Property(t => t.Executor).HasMaxLength(64);
            e.Property(t => t.Model).HasMaxLength(200);
            e.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.Stage).HasMaxLength(300);
            e.Property(t => t.LeaseOwner).HasMaxLength(64);
            e.Property(t => t.Summary).HasMaxLength(300);
            e.Property(t => t.Error).HasMaxLength(2000);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => new { t.Status, t.CreatedAtUtc });
            e.HasIndex(t => new { t.OwnerId, t.CreatedAtUtc });
            e.HasIndex(t => t.After);
            // One retry per attempt: two presses of Confirm cannot both start one.
            e.HasIndex(t => new { t.RetryOf, t.RetryCount }).IsUnique();
            e.HasIndex(t => new { t.LeaseOwner, t.Status });
            e.Property(t => t.IdempotencyKey).HasMaxLength(200);
            // One task per delivered message: re-handling an update after a crash finds the task instead of adding one.
            e.HasIndex(t => t.IdempotencyKey).IsUnique();
        });

        modelBuilder.Entity<TransitionRow>(e =>
        {
            e.ToTable("tasks_transitions");
            e.HasKey(t => t.Id);
            e.Property(t => t.TaskId).HasMaxLength(16);
            e.Property(t => t.From).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.To).HasConversion<string>().HasMaxLength(16);
            e.Property(t => t.By).HasMaxLength(64);
            e.Property(t => t.Reason).HasMaxLength(2000);
            e.HasIndex(t => t.TaskId);
        });

        modelBuilder.Entity<OutputRow>(e =>
        {
            e.ToTable("tasks_output");
            e.HasKey(o => o.Id);
            e.HasIndex(o => o.TaskId);
            e.Property(o => o.TaskId).HasMaxLength(16);
        });
    }
}

internal sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(v => v.Ticks, v => new DateTime(v, DateTimeKind.Utc));
