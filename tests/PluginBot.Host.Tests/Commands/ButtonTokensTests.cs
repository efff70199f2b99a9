using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Commands;

[Collection(TestHandlersCollection.Name)]
public sealed class ButtonTokensTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private async Task<T> WithTokensAsync<T>(Func<IButtonTokens, Task<T>> action)
    {
        await using var scope = Host.CreateScope(HostFixture.System);
        return await action(scope.ServiceProvider.GetRequiredService<IButtonTokens>());
    }

    [Fact]
    public async Task A_token_is_short_and_resolves_to_the_same_request()
    {
        var request = new Probe.Command("ada", 2);
        var token = await WithTokensAsync(t => t.IssueAsync(request));

        Assert.StartsWith("cb:", token, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(token) <= 64);
        Assert.Equal(request, await WithTokensAsync(t => t.ResolveAsync(token, HostFixture.User)));
    }

    [Fact]
    public async Task Each_token_is_different()
    {
        var first = await WithTokensAsync(t => t.IssueAsync(new Probe.Command("a", 1)));
        var second = await WithTokensAsync(t => t.IssueAsync(new Probe.Command("a", 1)));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task A_request_type_not_registered_as_a_button_action_is_refused_with_the_fix()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => WithTokensAsync(t => t.IssueAsync(new Host.Identity.AllowUser.Command(5))));
        Assert.Contains("AddButtonAction<Command>()", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cb:AAAAAAAAAAAAAAAA")]
    [InlineData("cb:short")]
    [InlineData("task:stop:42")]
    [InlineData("")]
    public async Task Forged_or_malformed_data_is_not_found(string data)
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => WithTokensAsync(t => t.ResolveAsync(data, HostFixture.User)));
        Assert.Contains("no longer works", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_not_found()
    {
        var token = await WithTokensAsync(t => t.IssueAsync(new Probe.Command("a", 1), lifetime: TimeSpan.FromMinutes(5)));
        Host.Clock.Advance(TimeSpan.FromMinutes(6));
        await Assert.ThrowsAsync<NotFoundException>(() => WithTokensAsync(t => t.ResolveAsync(token, HostFixture.User)));
    }

    [Fact]
    public async Task A_token_issued_to_a_user_refuses_other_users_but_not_admins()
    {
        var token = await WithTokensAsync(t => t.IssueAsync(new Probe.Command("a", 1), issuedTo: HostFixture.User));

        var error = await Assert.ThrowsAsync<ForbiddenException>(() => WithTokensAsync(t => t.ResolveAsync(token, HostFixture.OtherUser)));
        Assert.Equal("This button is not for you.", error.Message);
        Assert.NotNull(await WithTokensAsync(t => t.ResolveAsync(token, HostFixture.User)));
        Assert.NotNull(await WithTokensAsync(t => t.ResolveAsync(token, HostFixture.Admin)));
    }

    [Fact]
    public async Task A_token_survives_a_new_scope_because_it_is_stored()
    {
        var token = await WithTokensAsync(t => t.IssueAsync(new Probe.Command("kept", 1)));
        var resolved = await WithTokensAsync(t => t.ResolveAsync(token, HostFixture.User));
        Assert.Equal("kept", Assert.IsType<Probe.Command>(resolved).Name);
    }
}
