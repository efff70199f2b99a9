using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Events;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>Changes to the allow-list, keeping the directory's cache in step.</summary>
internal sealed class UserStore(KernelDbContext db, UserDirectory directory, IOutbox outbox, TimeProvider time)
{
    /// <summary>
    /// Allows or denies a user; false when nothing changed. A deny enqueues <see cref="UserDenied"/> in the same
    /// transaction, so plugins stop the user's work even if the process dies right after.
    /// </summary>
    public async Task<bool> SetAllowedAsync(long userId, bool allowed, Actor by, CancellationToken cancellationToken)
    {
        var row = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (row is null)
        {
            if (!allowed)
            {
                return false;
            }

            row = new UserRow { Id = userId };
            db.Users.Add(row);
        }
        else if (row.IsAllowed == allowed)
        {
            return false;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var who = by.Kind == ActorKind.System ? "system" : by.Id.ToString(CultureInfo.InvariantCulture);
        (row.IsAllowed, row.ChangedAtUtc, row.ChangedBy) = (allowed, now, who);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            if (!allowed)
            {
                await outbox.EnqueueAsync(db, new UserDenied(userId, who, now), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        // After the commit: a lookup that read the row before it must not cache what it read.
        directory.Invalidate();
        return true;
    }

    public Task<bool> IsAdminAsync(long userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin, cancellationToken);

    public async Task<List<UserEntry>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken)).Select(UserDirectory.ToEntry).ToList();
}
