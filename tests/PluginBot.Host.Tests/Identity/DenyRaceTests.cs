using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Host.Identity;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Identity;

[Collection(TestHandlersCollection.Name)]
public sealed class DenyRaceTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    [Fact]
    public async Task A_cache_refill_that_read_before_a_deny_does_not_write_the_user_back_as_allowed()
    {
        var directory = Host.Services.GetRequiredService<IUserDirectory>();
        var pause = Host.Services.GetRequiredService<PausingUserRows>().PauseAfterRead(HostFixture.UserId);
        var refill = directory.ResolveAsync(HostFixture.UserId, "test").AsTask();
        await pause.Read;

        await Host.SendAsync(new DenyUser.Command(HostFixture.UserId), HostFixture.Admin);
        pause.Release();

        // The refill read the row before the deny: that one lookup may still see the user allowed...
        Assert.NotNull(await refill);
        // ...but it must not leave them allowed for everyone after it.
        Assert.Null(await directory.ResolveAsync(HostFixture.UserId, "test"));
    }

    [Fact]
    public async Task A_refill_that_reads_after_a_deny_caches_the_denial()
    {
        var directory = Host.Services.GetRequiredService<IUserDirectory>();
        await Host.SendAsync(new DenyUser.Command(HostFixture.UserId), HostFixture.Admin);

        Assert.Null(await directory.ResolveAsync(HostFixture.UserId, "test"));
        Assert.Null(await directory.ResolveAsync(HostFixture.UserId, "test"));
        Assert.Equal(ActorKind.User, (await directory.ResolveAsync(HostFixture.OtherUserId, "test"))!.Kind);
    }
}
