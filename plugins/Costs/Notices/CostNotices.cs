using MediatR;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Events;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Costs.Storage;

namespace PluginBot.Plugins.Costs.Notices;

/// <summary>A message about spend for a user (or, with no user, for every admin), delivered through the outbox.</summary>
/// <param name="DedupeKey">The notice's key: it is sent once, ever.</param>
/// <param name="UserId">The user to tell; null for the admins.</param>
/// <param name="Text">What to say.</param>
public sealed record CostNotice(string DedupeKey, long? UserId, string Text) : IDurableEvent;

/// <summary>
/// Sends each notice once: the key is remembered (<c>costs_notices</c>) in the same transaction that hands the
/// notice to the outbox, so a crash neither loses it nor repeats it.
/// </summary>
internal sealed class CostNotices(CostsDbContext db, IOutbox outbox, TimeProvider time)
{
    /// <summary>True when the notice was new and is on its way.</summary>
    public async Task<bool> SendOnceAsync(string key, long? userId, string text, CancellationToken cancellationToken)
    {
        if (await db.Notices.AsNoTracking().AnyAsync(n => n.Key == key, cancellationToken))
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // OR IGNORE: when concurrent calls race to send the same notice, the losers see 0 rows, not an error.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT OR IGNORE INTO costs_notices (Key, SentAtUtc) VALUES ({key}, {time.GetUtcNow().UtcDateTime})", cancellationToken);
        if (inserted == 0)
        {
            return false;
        }

        await outbox.EnqueueAsync(db, new CostNotice(key, userId, text), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

/// <summary>Delivers a <see cref="CostNotice"/> to the user's private chat or to the admins.</summary>
internal sealed class CostNoticeHandler(IMessenger messenger) : INotificationHandler<CostNotice>
{
    public async Task Handle(CostNotice notification, CancellationToken cancellationToken)
    {
        if (notification.UserId is { } userId and not 0)
        {
            await messenger.NotifyUserAsync(userId, Reply.Plain(notification.Text), cancellationToken);
        }
        else
        {
            await messenger.NotifyAdminsAsync(Reply.Plain(notification.Text), cancellationToken);
        }
    }
}
