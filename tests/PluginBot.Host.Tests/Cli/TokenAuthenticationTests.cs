using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Host.Storage;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Cli;

/// <summary>Tokens made by <c>pluginbot token create</c> on the running host's database authenticate its HTTP API.</summary>
[Collection(KernelCollection.Name)]
public sealed class TokenAuthenticationTests(HostFixture host) : HostTest<HostFixture>(host), IDisposable
{
    private static readonly Uri PluginsEndpoint = new("/api/plugins", UriKind.Relative);
    private readonly CliSandbox _sandbox = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _sandbox.Settings["Kernel:Database"] = Host.Services.GetRequiredService<SqliteDatabase>().FilePath;
    }

    [Fact]
    public async Task A_token_of_an_allowed_user_is_authenticated_but_forbidden_the_admin_catalog()
    {
        var token = await CreateTokenAsync(HostFixture.UserId);
        using var client = Host.CreateClient(token);

        var response = await client.GetAsync(PluginsEndpoint);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_token_of_an_admin_user_reads_the_catalog()
    {
        var token = await CreateTokenAsync(HostFixture.AdminId);
        using var client = Host.CreateClient(token);

        var response = await client.GetAsync(PluginsEndpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_answered_401()
    {
        var token = await CreateTokenAsync(HostFixture.UserId);
        var id = (await _sandbox.RunAsync("token", "list")).Output.Split(' ')[0];
        using var client = Host.CreateClient(token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(PluginsEndpoint)).StatusCode);

        var revoke = await _sandbox.RunAsync("token", "revoke", id);

        Assert.Equal(0, revoke.ExitCode);
        var response = await client.GetAsync(PluginsEndpoint);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_of_a_user_not_on_the_allow_list_is_answered_401()
    {
        var token = await CreateTokenAsync(HostFixture.StrangerId);
        using var client = Host.CreateClient(token);

        var response = await client.GetAsync(PluginsEndpoint);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tool_verb_run_without_ADMIN_USERS_beside_the_bot_leaves_its_admins_as_they_are()
    {
        // The sandbox's configuration lists no admins: only a bot start decides who is admin, not a tool verb.
        Assert.Equal(0, (await _sandbox.RunAsync("token", "list")).ExitCode);

        await using var scope = Host.CreateScope(HostFixture.System);
        var admin = await scope.ServiceProvider.GetRequiredService<KernelDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == HostFixture.AdminId);
        Assert.True(admin.IsAdmin);
        Assert.Equal("config", admin.ChangedBy);
    }

    public void Dispose() => _sandbox.Dispose();

    private async Task<string> CreateTokenAsync(long userId)
    {
        var result = await _sandbox.RunAsync("token", "create", "--user", userId.ToString(CultureInfo.InvariantCulture), "--name", "ci");
        Assert.Equal(0, result.ExitCode);
        return result.Output.Trim();
    }
}
