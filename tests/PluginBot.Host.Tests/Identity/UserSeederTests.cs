using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;
using PluginBot.Host.Identity;
using PluginBot.Host.Storage;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Identity;

[Collection(KernelCollection.Name)]
public sealed class UserSeederTests(HostFixture host) : HostTest<HostFixture>(host)
{
    private const long FormerAdmin = 5;

    [Fact]
    public async Task An_admin_no_longer_in_ADMIN_USERS_is_an_allowed_user_after_the_next_start()
    {
        // An earlier start had ADMIN_USERS=1,5; this one has ADMIN_USERS=1.
        await SetRowAsync(new UserRow { Id = FormerAdmin, IsAllowed = true, IsAdmin = true, ChangedBy = "config" });
        var directory = Host.Services.GetRequiredService<IUserDirectory>();
        Assert.Equal(ActorKind.Admin, (await directory.ResolveAsync(FormerAdmin, "test"))!.Kind);

        await SeedAsync();

        Assert.Equal(ActorKind.User, (await directory.ResolveAsync(FormerAdmin, "test"))!.Kind);
        var row = await RowAsync(FormerAdmin);
        Assert.True(row.IsAllowed);
        Assert.False(row.IsAdmin);
        Assert.Equal("config", row.ChangedBy);
        var refused = await Assert.ThrowsAsync<ForbiddenException>(() =>
            Host.SendAsync(new AllowUser.Command(4242), new Actor(FormerAdmin, ActorKind.Admin, "test")));
        Assert.Equal("Only admins can do this.", refused.Message);
        Assert.DoesNotContain(FormerAdmin, await directory.GetAdminIdsAsync());
    }

    [Fact]
    public async Task A_demotion_is_logged_once_and_the_admins_from_configuration_stay_admins()
    {
        await SetRowAsync(new UserRow { Id = FormerAdmin, IsAllowed = true, IsAdmin = true, ChangedBy = "config" });

        await SeedAsync();
        await SeedAsync();

        var lines = Host.Logs.Lines.Where(l => l.Contains("no longer in ADMIN_USERS", StringComparison.Ordinal) && l.Contains($"{FormerAdmin}", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.Contains("allowed users", lines[0], StringComparison.Ordinal);
        Assert.True((await RowAsync(HostFixture.AdminId)).IsAdmin);
    }

    private async Task SeedAsync()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserSeeder>().SeedAsync(demoteUnlisted: true, CancellationToken.None);
    }

    private async Task SetRowAsync(UserRow row)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KernelDbContext>();
        row.ChangedAtUtc = DateTime.UtcNow;
        db.Users.Add(row);
        await db.SaveChangesAsync();
    }

    private async Task<UserRow> RowAsync(long id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<KernelDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id);
    }
}
