using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace PluginBot.Plugins.Scheduler.Storage;

/// <summary>Schedules and their runs, in tables prefixed <c>scheduler_</c> on the host's database.</summary>
internal sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<ScheduleRow> Schedules => Set<ScheduleRow>();

    public DbSet<ScheduleRunRow> Runs => Set<ScheduleRunRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Ticks, not text: the due scan is an integer comparison on an index.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ScheduleRow>(e =>
        {
            e.ToTable("scheduler_schedules");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(16);
            e.Property(s => s.Transport).HasMaxLength(32);
            e.Property(s => s.ChatId).HasMaxLength(64);
            e.Property(s => s.ThreadId).HasMaxLength(64);
            e.Property(s => s.Expression).HasMaxLength(200);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.Property(s => s.Misfire).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.Overlap).HasConversion<string>().HasMaxLength(8);
            e.Property(s => s.Prompt).HasMaxLength(8000);
            e.Property(s => s.Model).HasMaxLength(200);
            e.Property(s => s.Project).HasMaxLength(64);
            e.Property(s => s.PausedReason).HasMaxLength(500);
            e.Property(s => s.LastTaskId).HasMaxLength(16);
            e.Property(s => s.LastOutcome).HasMaxLength(300);
            e.HasIndex(s => new { s.Paused, s.NextRunUtc });
            e.Property(s => s.CreationKey).HasMaxLength(200);
            e.HasIndex(s => s.OwnerId);
            e.HasIndex(s => s.CreationKey).IsUnique();
        });
        modelBuilder.Entity<ScheduleRunRow>(e =>
        {
            e.ToTable("scheduler_runs");
            e.HasKey(r => r.Id);
            e.Property(r => r.ScheduleId).HasMaxLength(16);
            e.Property(r => r.TaskId).HasMaxLength(16);
            e.Property(r => r.Outcome).HasMaxLength(300);
            // One row per occurrence, whichever process fired it.
            e.HasIndex(r => new { r.ScheduleId, r.ScheduledUtc }).IsUnique();
            e.HasIndex(r => r.TaskId);
        });
    }
}

internal sealed class UtcTicksConverter() : ValueConverter<DateTime, long>(v => v.Ticks, v => new DateTime(v, DateTimeKind.Utc));
