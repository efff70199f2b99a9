using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>The allow-list, cached in memory and invalidated on every change.</summary>
internal sealed class UserDirectory(IServiceScopeFactory scopes) : IUserDirectory
{
    private readonly ConcurrentDictionary<long, UserEntry?> _cache = new();

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

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        var row = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var entry = row is null ? null : ToEntry(row);
        _cache[userId] = entry;
        return entry;
    }

    public void Invalidate() => _cache.Clear();

    public static UserEntry ToEntry(UserRow row) => new(row.Id, row.IsAllowed || row.IsAdmin, row.IsAdmin, row.ChangedAtUtc, row.ChangedBy);
}
