using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Settings;

[Collection(KernelCollection.Name)]
public sealed class SettingsStoreTests(HostFixture host) : HostTest<HostFixture>(host)
{
    private static readonly ConversationReference Chat = new("telegram", "-100200", "7");

    private async Task<T> WithStoreAsync<T>(Func<ISettingsStore, Task<T>> action)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await action(scope.ServiceProvider.GetRequiredService<ISettingsStore>());
    }

    private Task<string?> ResolveAsync(string? explicitValue = null) =>
        WithStoreAsync(s => s.ResolveAsync(SettingKeys.TimeZone, HostFixture.UserId, Chat, explicitValue));

    [Fact]
    public async Task Resolution_falls_through_explicit_chat_user_bot_then_the_configured_default()
    {
        Assert.Equal("UTC", await ResolveAsync()); // appsettings.json Settings:timezone

        await WithStoreAsync(async s => { await s.SetAsync(SettingKeys.TimeZone, new SettingScope.Bot(), "Europe/Paris"); return 0; });
        Assert.Equal("Europe/Paris", await ResolveAsync());

        await WithStoreAsync(async s => { await s.SetAsync(SettingKeys.TimeZone, new SettingScope.User(HostFixture.UserId), "Asia/Tokyo"); return 0; });
        Assert.Equal("Asia/Tokyo", await ResolveAsync());

        await WithStoreAsync(async s => { await s.SetAsync(SettingKeys.TimeZone, new SettingScope.Chat(Chat), "America/Lima"); return 0; });
        Assert.Equal("America/Lima", await ResolveAsync());

        Assert.Equal("Africa/Cairo", await ResolveAsync("Africa/Cairo"));
    }

    [Fact]
    public async Task A_chat_setting_belongs_to_its_topic_and_another_users_setting_is_not_seen()
    {
        await WithStoreAsync(async s =>
        {
            await s.SetAsync(SettingKeys.Model, new SettingScope.Chat(Chat with { ThreadId = "8" }), "other-topic");
            await s.SetAsync(SettingKeys.Model, new SettingScope.User(HostFixture.OtherUserId), "other-user");
            return 0;
        });

        Assert.Null(await WithStoreAsync(s => s.ResolveAsync(SettingKeys.Model, HostFixture.UserId, Chat)));
        Assert.Equal("other-topic", await WithStoreAsync(s => s.ResolveAsync(SettingKeys.Model, HostFixture.UserId, Chat with { ThreadId = "8" })));
    }

    [Fact]
    public async Task Setting_null_removes_the_value_and_overwriting_replaces_it()
    {
        var scope = new SettingScope.User(HostFixture.UserId);
        await WithStoreAsync(async s => { await s.SetAsync(SettingKeys.Project, scope, "website"); return 0; });
        await WithStoreAsync(async s => { await s.SetAsync(SettingKeys.Project, scope, "backend"); return 0; });
        Assert.Equal("backend", await WithStoreAsync(s => s.GetAsync(SettingKeys.Project, scope)));

        await WithStoreAsync(async s => { await s.SetAsync(SettingKeys.Project, scope, null); return 0; });
        Assert.Null(await WithStoreAsync(s => s.GetAsync(SettingKeys.Project, scope)));
    }
}
