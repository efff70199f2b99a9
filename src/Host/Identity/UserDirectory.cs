using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>
/// The allow-list, cached in memory and invalidated after every change. Each invalidation starts a new generation,
/// and a lookup caches what it read only if no invalidation came in between: a refill that read a row before a /deny
/// committed can never write the user back as allowed after it.
/// </summary>
internal sealed class UserDirectory(IServiceScopeFactory scopes, IUserRows rows) : IUserDirectory
{
    private readonly ConcurrentDictionary<long, UserEntry?> _cache = new();
    private readonly Lock _lock = new();
    private long _generation;

    public async ValueTask<Actor?> ResolveAsync(long userId, string transport, CancellationToken cancellationToken = default)
    {
        var entry = await FindAsync(userId, cancellationToken);
        return entry switch
        {
            { IsAdmin: true } => new Actor(userId, ActorKind.Admin, transport),
            { IsAllowed: true } => new Actor(userId, ActorKind.User, transport),
            _ => null,
        };
    }

    public async ValueTask<IReadOnlyList<long>> GetAdminIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        return await db.Users.Where(u => u.IsAdmin).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);
    }

    public async ValueTask<UserEntry?> FindAsync(long userId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(userId, out var cached))
        {
            return cached;
        }

        var generation = Interlocked.Read(ref _generation);
        var entry = await rows.FindAsync(userId, cancellationToken);
        lock (_lock)
        {
            if (_generation == generation)
            {
                _cache[userId] = entry;
            }
        }

        return entry;
    }

    /// <summary>Call after the change has committed: lookups that read before it then do not cache what they read.</summary>
    public void Invalidate()
    {
        lock (_lock)
        {
            Interlocked.Increment(ref _generation);
            _cache.Clear();
        }
    }

    public static UserEntry ToEntry(UserRow row) => new(row.Id, row.IsAllowed || row.IsAdmin, row.IsAdmin, row.ChangedAtUtc, row.ChangedBy);
}
