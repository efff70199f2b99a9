namespace PluginBot.Abstractions.Actors;

/// <summary>A user known to the bot.</summary>
/// <param name="Id">Telegram user id.</param>
/// <param name="IsAllowed">On the allow-list.</param>
/// <param name="IsAdmin">Admin (implicitly allowed).</param>
/// <param name="ChangedAtUtc">When the entry last changed.</param>
/// <param name="ChangedBy">Who changed it: <c>config</c> or an admin's id.</param>
public sealed record UserEntry(long Id, bool IsAllowed, bool IsAdmin, DateTime ChangedAtUtc, string ChangedBy);

/// <summary>The allow-list, seeded from <c>ALLOWED_USERS</c> and <c>ADMIN_USERS</c> and changed by admins at run time.</summary>
public interface IUserDirectory
{
    /// <summary>Resolves a person's actor: Admin, User when allowed, or null when they may not use the bot.</summary>
    ValueTask<Actor?> ResolveAsync(long userId, string transport, CancellationToken cancellationToken = default);

    /// <summary>Ids of every admin, for notifications.</summary>
    ValueTask<IReadOnlyList<long>> GetAdminIdsAsync(CancellationToken cancellationToken = default);
}
