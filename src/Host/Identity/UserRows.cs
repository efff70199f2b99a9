using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Identity;

/// <summary>How the directory reads one user from the database (a seam: tests hold a read to reproduce races).</summary>
internal interface IUserRows
{
    Task<UserEntry?> FindAsync(long userId, CancellationToken cancellationToken);
}

internal sealed class UserRows(IServiceScopeFactory scopes) : IUserRows
{
    public async Task<UserEntry?> FindAsync(long userId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        var row = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return row is null ? null : UserDirectory.ToEntry(row);
    }
}
