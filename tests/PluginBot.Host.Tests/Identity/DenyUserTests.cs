using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Identity;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Identity;

[Collection(TestHandlersCollection.Name)]
public sealed class DenyUserTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private EventRecorder Recorder => Host.Services.GetRequiredService<EventRecorder>();

    [Fact]
    public async Task A_deny_is_announced_to_plugins_once_through_the_outbox()
    {
        const long user = 7001;
        await Host.SendAsync(new AllowUser.Command(user), HostFixture.Admin);

        var reply = await Host.SendAsync(new DenyUser.Command(user), HostFixture.Admin);

        Assert.Equal("User 7001 can no longer use the bot.", reply.Text);
        await Eventually.UntilAsync(async () => (await OutboxAsync()).All(o => o.DispatchedAtUtc is not null) && Recorder.Count(nameof(UserDeniedRecorder), "7001 by 1") == 1);
        Assert.Equal("user-denied:7001:", Assert.Single(await OutboxAsync()).DedupeKey[..17]);
        Assert.Equal(1, Recorder.Count(nameof(UserDeniedRecorder), "7001 by 1"));
    }

    [Fact]
    public async Task Denying_someone_who_was_not_allowed_announces_nothing()
    {
        var reply = await Host.SendAsync(new DenyUser.Command(7002), HostFixture.Admin);

        Assert.Equal("User 7002 was not allowed.", reply.Text);
        Assert.Empty(await OutboxAsync());
    }

    private async Task<List<OutboxRow>> OutboxAsync()
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await scope.ServiceProvider.GetRequiredService<KernelDbContext>().Outbox.AsNoTracking().Where(o => o.EventType.EndsWith("UserDenied")).ToListAsync();
    }
}
