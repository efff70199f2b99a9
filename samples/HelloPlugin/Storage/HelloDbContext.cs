using Microsoft.EntityFrameworkCore;

namespace HelloPlugin.Storage;

/// <summary>The plugin's own tables, all prefixed <c>hello_</c>, on the host's database.</summary>
internal sealed class HelloDbContext(DbContextOptions<HelloDbContext> options) : DbContext(options)
{
    public DbSet<GreetingRow> Greetings => Set<GreetingRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.Entity<GreetingRow>(e =>
        {
            e.ToTable("hello_greetings");
            e.HasKey(g => g.Id);
            e.Property(g => g.Name).HasMaxLength(100);
            // SQLite keeps no DateTimeKind: say on the way back that the stored instant is UTC.
            e.Property(g => g.SentAtUtc).HasConversion(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
            e.HasIndex(g => g.SentAtUtc);
            e.Property(g => g.TaskId).HasMaxLength(16);
            e.HasIndex(g => g.TaskId);
        });
}

internal sealed class GreetingRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public long ActorId { get; set; }

    public DateTime SentAtUtc { get; set; }

    /// <summary>The task that wrote the greeting (<c>/greetlater</c>), if one did.</summary>
    public string? TaskId { get; set; }
}
