using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace PluginBot.Plugins.Telegram.Storage;

/// <summary>
/// Received updates are written here, with the next polling offset, in one transaction; a handled update is
/// removed. A crash therefore neither loses an update (it is still in the inbox) nor makes Telegram send it again
/// (the offset moved on with it).
/// </summary>
internal sealed class UpdateInbox(TelegramDbContext db, TimeProvider time)
{
    /// <summary>How long a handled update's id is kept; Telegram gives up redelivering long before.</summary>
    public static readonly TimeSpan HandledMemory = TimeSpan.FromDays(1);

    public async Task<int?> NextOffsetAsync(CancellationToken cancellationToken)
    {
        var row = await db.State.AsNoTracking().FirstOrDefaultAsync(s => s.Key == StateRow.NextOffset, cancellationToken);
        return row is null ? null : int.Parse(row.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Stores the updates not seen before and, for polled updates, moves the offset past the last one. Polled updates
    /// below the offset were received before and are dropped; webhook deliveries carry no such order (Telegram posts
    /// them in parallel), so only the inbox itself deduplicates them.
    /// </summary>
    public async Task<IReadOnlyList<Update>> AddAsync(IReadOnlyList<Update> updates, CancellationToken cancellationToken, bool polled = true)
    {
        if (updates.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        var forgetBefore = now - HandledMemory;
        await db.Inbox.Where(r => r.HandledAtUtc < forgetBefore).ExecuteDeleteAsync(cancellationToken);
        var ids = updates.Select(u => (long)u.Id).ToList();
        var known = await db.Inbox.Where(r => ids.Contains(r.UpdateId)).Select(r => r.UpdateId).ToListAsync(cancellationToken);
        var offset = polled ? await NextOffsetAsync(cancellationToken) : null;
        var fresh = updates
            .Where(u => !known.Contains(u.Id) && (offset is null || u.Id >= offset))
            .GroupBy(u => u.Id)
            .Select(g => g.First())
            .ToList();
        foreach (var update in fresh)
        {
            db.Inbox.Add(new InboxRow { UpdateId = update.Id, Json = System.Text.Json.JsonSerializer.Serialize(update, JsonBotAPI.Options), ReceivedAtUtc = now });
        }

        if (!polled)
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return fresh;
        }

        var next = (updates.Max(u => u.Id) + 1).ToString(CultureInfo.InvariantCulture);
        var state = await db.State.FirstOrDefaultAsync(s => s.Key == StateRow.NextOffset, cancellationToken);
        if (state is null)
        {
            db.State.Add(new StateRow { Key = StateRow.NextOffset, Value = next });
        }
        else if (int.Parse(state.Value, CultureInfo.InvariantCulture) < int.Parse(next, CultureInfo.InvariantCulture))
        {
            state.Value = next;
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return fresh;
    }

    /// <summary>Updates received but not handled yet (after a crash), oldest first.</summary>
    public async Task<IReadOnlyList<Update>> PendingAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Inbox.AsNoTracking().Where(r => r.HandledAtUtc == null).OrderBy(r => r.UpdateId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => System.Text.Json.JsonSerializer.Deserialize<Update>(r.Json, JsonBotAPI.Options)!)];
    }

    /// <summary>The update has been handled: its content goes, its id stays a day to recognise a repeated delivery.</summary>
    public Task MarkHandledAsync(long updateId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Inbox.Where(r => r.UpdateId == updateId)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.HandledAtUtc, now).SetProperty(r => r.Json, ""), cancellationToken);
    }
}
