using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Plugins.Telegram.Storage;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Tests.Storage;

public sealed class UpdateInboxTests : IAsyncLifetime, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"telegram-inbox-{Guid.NewGuid():N}.db");
    private TelegramDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = new TelegramDbContext(new DbContextOptionsBuilder<TelegramDbContext>()
            .UseSqlite($"Data Source={_file}", sqlite => sqlite.MigrationsHistoryTable("__EFMigrationsHistory_telegram"))
            .Options);
        await _db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    public void Dispose() => _db.Dispose();

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private UpdateInbox Inbox => new(_db, _clock);

    private static Update Text(int id, string text) =>
        new() { Id = id, Message = new Message { Id = id, Text = text, Chat = new Chat { Id = 7, Type = global::Telegram.Bot.Types.Enums.ChatType.Private }, Date = DateTime.UtcNow } };

    [Fact]
    public async Task Stored_updates_move_the_offset_past_the_last_one()
    {
        Assert.Null(await Inbox.NextOffsetAsync(default));

        await Inbox.AddAsync([Text(10, "a"), Text(11, "b")], default);

        Assert.Equal(12, await Inbox.NextOffsetAsync(default));
    }

    [Fact]
    public async Task Pending_updates_come_back_oldest_first_until_they_are_removed()
    {
        await Inbox.AddAsync([Text(21, "second"), Text(20, "first")], default);
        await Inbox.MarkHandledAsync(20, default);

        var pending = await Inbox.PendingAsync(default);

        Assert.Equal("second", Assert.Single(pending).Message!.Text);
    }

    [Fact]
    public async Task An_update_delivered_twice_is_stored_once()
    {
        var first = await Inbox.AddAsync([Text(30, "once")], default);
        var again = await Inbox.AddAsync([Text(30, "once")], default);

        Assert.Single(first);
        Assert.Empty(again);
        Assert.Single(await Inbox.PendingAsync(default));
    }

    [Fact]
    public async Task An_update_older_than_the_offset_is_not_handled_again()
    {
        await Inbox.AddAsync([Text(40, "handled")], default);
        await Inbox.MarkHandledAsync(40, default);

        var replayed = await Inbox.AddAsync([Text(40, "handled")], default);

        Assert.Empty(replayed);
    }

    [Fact]
    public async Task A_webhook_delivery_repeated_after_it_was_handled_is_not_handled_again()
    {
        await Inbox.AddAsync([Text(50, "once")], default, polled: false);
        await Inbox.MarkHandledAsync(50, default);

        var repeated = await Inbox.AddAsync([Text(50, "once")], default, polled: false);

        Assert.Empty(repeated);
        Assert.Empty(await Inbox.PendingAsync(default));
    }

    [Fact]
    public async Task Handled_updates_are_forgotten_after_a_day()
    {
        await Inbox.AddAsync([Text(60, "old")], default, polled: false);
        await Inbox.MarkHandledAsync(60, default);
        _clock.Advance(UpdateInbox.HandledMemory + TimeSpan.FromMinutes(1));

        await Inbox.AddAsync([Text(61, "new")], default, polled: false);

        Assert.Equal([61L], await _db.Inbox.Select(r => r.UpdateId).ToListAsync());
    }

    [Fact]
    public async Task The_model_matches_the_migrations()
    {
        Assert.False(_db.Database.HasPendingModelChanges());
        Assert.Empty(await _db.Database.GetPendingMigrationsAsync());
    }
}
