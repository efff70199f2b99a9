using Microsoft.EntityFrameworkCore;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>Changes to the allow-list, keeping the directory's cache in step.</summary>
internal sealed class UserStore(KernelDbContext db, UserDirectory directory, TimeProvider time)
{
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

        (row.IsAllowed, row.ChangedAtUtc, row.ChangedBy) = (allowed, time.GetUtcNow().UtcDateTime, by.Kind == ActorKind.System ? "system" : by.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        return true;
    }

    public Task<bool> IsAdminAsync(long userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsAdmin, cancellationToken);

    public async Task<List<UserEntry>> ListAsync(CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken)).Select(UserDirectory.ToEntry).ToList();
}
