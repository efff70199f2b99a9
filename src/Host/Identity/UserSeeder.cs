using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PluginBot.Host.Configuration;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>
/// Seeds the users table from <c>ADMIN_USERS</c> (configuration is the authority for admins: those listed are admins,
/// and an admin no longer listed becomes an allowed user, not a denied one) and <c>ALLOWED_USERS</c> (added when
/// missing; an admin's later /deny is kept and reported).
/// </summary>
internal sealed class UserSeeder(KernelDbContext db, KernelSettings settings, UserDirectory directory, TimeProvider time, ILogger<UserSeeder> logger)
{
    /// <param name="demoteUnlisted">
    /// Whether admins not in <c>ADMIN_USERS</c> become allowed users: at a bot start, yes; a tool verb (token, migrate,
    /// ask...) run beside the bot, perhaps with another configuration, must not change who is admin.
    /// </param>
    public async Task SeedAsync(bool demoteUnlisted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var known = await db.Users.ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var id in settings.AdminUsers)
        {
            if (!known.TryGetValue(id, out var row))
            {
                row = new UserRow { Id = id };
                db.Users.Add(row);
                known[id] = row;
            }

            if (!row.IsAdmin || !row.IsAllowed)
            {
                (row.IsAdmin, row.IsAllowed, row.ChangedAtUtc, row.ChangedBy) = (true, true, now, "config");
            }
        }

        var demoted = demoteUnlisted
            ? known.Values.Where(u => u.IsAdmin && !settings.AdminUsers.Contains(u.Id)).OrderBy(u => u.Id).ToList()
            : [];
        foreach (var row in demoted)
        {
            (row.IsAdmin, row.IsAllowed, row.ChangedAtUtc, row.ChangedBy) = (false, true, now, "config");
        }

        foreach (var id in settings.AllowedUsers.Where(id => !settings.AdminUsers.Contains(id)))
        {
            if (!known.TryGetValue(id, out var row))
            {
                db.Users.Add(new UserRow { Id = id, IsAllowed = true, ChangedAtUtc = now, ChangedBy = "config" });
            }
            else if (!row.IsAllowed)
            {
                logger.LogWarning("User {UserId} is in ALLOWED_USERS but was denied by {ChangedBy}; send /allow {UserId} to restore access", id, row.ChangedBy, id);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        directory.Invalidate();
        if (demoted.Count > 0)
        {
            logger.LogWarning(
                "Users {UserIds} are no longer in ADMIN_USERS: they are allowed users now, not admins (/deny removes them altogether)",
                string.Join(", ", demoted.Select(u => u.Id)));
        }

        if (settings.AllowedUsers.Count == 0)
        {
            logger.LogWarning("ALLOWED_USERS is empty: nobody but admins can use the bot. Set ALLOWED_USERS to a comma-separated list of Telegram user ids");
        }

        if (settings.AdminUsers.Count == 0)
        {
            logger.LogWarning("ADMIN_USERS is empty: nobody can run admin commands. Set ADMIN_USERS to your Telegram user id");
        }
    }
}
