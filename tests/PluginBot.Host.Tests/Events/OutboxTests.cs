using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Events;
using PluginBot.Host.Events;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Events;

[Collection(TestHandlersCollection.Name)]
public sealed class OutboxTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    [Fact]
    public async Task An_event_enqueued_in_a_committed_transaction_is_delivered_after_the_commit()
    {
        var key = Guid.NewGuid().ToString();
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Settings.Add(new SettingRow { Scope = "bot", Key = "k-" + key, Value = "v" });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<IOutbox>().EnqueueAsync(db, new NoteSaved(key, "hello"));

            // A whole dispatch pass while the transaction is open: it cannot see the entry yet.
            await Host.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
            Assert.Equal(0, Recorder.Count(nameof(NoteSavedRecorder), key)); // not before the commit
            await transaction.CommitAsync();
        }

        await Eventually.UntilAsync(() => Recorder.Count(nameof(NoteSavedRecorder), key) == 1);
        Assert.Equal(Actor.System("outbox"), Recorder.Seen.Single(s => s.Key == key).Actor);
        await Eventually.UntilAsync(async () => (await OutboxRowAsync(key))?.DispatchedAtUtc is not null); // marked after its handlers ran
    }

    [Fact]
    public async Task A_rolled_back_transaction_takes_its_event_with_it()
    {
        var key = Guid.NewGuid().ToString();
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await scope.ServiceProvider.GetRequiredService<IOutbox>().EnqueueAsync(db, new NoteSaved(key, "lost"));
            await transaction.RollbackAsync();
        }

        await Host.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        Assert.Null(await OutboxRowAsync(key));
        Assert.Equal(0, Recorder.Count(nameof(NoteSavedRecorder), key));
    }

    [Fact]
    public async Task The_same_dedupe_key_is_stored_once()
    {
        var key = Guid.NewGuid().ToString();
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            var outbox = scope.ServiceProvider.GetRequiredService<IOutbox>();
            await outbox.EnqueueAsync(db, new NoteSaved(key, "first"));
            await outbox.EnqueueAsync(db, new NoteSaved(key, "second"));
        }

        await using var check = Host.CreateScope(HostFixture.System);
        Assert.Equal(1, await check.ServiceProvider.GetRequiredService<KernelDbContext>().Outbox.CountAsync(o => o.DedupeKey == key));
    }

    [Fact]
    public async Task An_entry_left_undelivered_by_a_crash_is_delivered_on_the_next_dispatch()
    {
        // A crash after commit and before dispatch leaves a pending row behind: write one directly.
        var key = Guid.NewGuid().ToString();
        await using (var connection = new SqliteConnection(Host.Services.GetRequiredService<SqliteDatabase>().ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO kernel_outbox (DedupeKey, EventType, PayloadJson, EnqueuedAtUtc, Attempts) VALUES ($key, $type, $json, '2026-03-01 11:00:00', 0)";
            insert.Parameters.AddWithValue("$key", key);
            insert.Parameters.AddWithValue("$type", typeof(NoteSaved).FullName);
            insert.Parameters.AddWithValue("$json", $$"""{"dedupeKey":"{{key}}","text":"from before the crash"}""");
            await insert.ExecuteNonQueryAsync();
        }

        await Host.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        Assert.Equal(1, Recorder.Count(nameof(NoteSavedRecorder), key));
        Assert.NotNull((await OutboxRowAsync(key))!.DispatchedAtUtc);
    }

    [Fact]
    public async Task An_unreadable_entry_is_kept_with_its_error_and_does_not_block_the_next()
    {
        var bad = Guid.NewGuid().ToString();
        var good = Guid.NewGuid().ToString();
        await using (var scope = Host.CreateScope(HostFixture.System))
        {
            var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
            db.Outbox.Add(new OutboxRow { DedupeKey = bad, EventType = typeof(NoteSaved).FullName!, PayloadJson = "{not json", EnqueuedAtUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<IOutbox>().EnqueueAsync(db, new NoteSaved(good, "fine"));
        }

        await Host.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        await Eventually.UntilAsync(() => Recorder.Count(nameof(NoteSavedRecorder), good) == 1);
        var row = await OutboxRowAsync(bad);
        Assert.Null(row!.DispatchedAtUtc);
        Assert.NotNull(row.LastError);
        Assert.True(row.Attempts >= 1);
    }

    private async Task<OutboxRow?> OutboxRowAsync(string key)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await scope.ServiceProvider.GetRequiredService<KernelDbContext>().Outbox.AsNoTracking().FirstOrDefaultAsync(o => o.DedupeKey == key);
    }
}
