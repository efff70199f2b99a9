using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Storage;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Commands;

[Collection(TestHandlersCollection.Name)]
public sealed class CommandDispatcherTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private static readonly ConversationReference Chat = new("test", "100");

    private Task<Reply> DispatchAsync(string line, Actor actor) =>
        Host.Services.GetRequiredService<ICommandDispatcher>().DispatchAsync(line, new CommandContext(actor, Chat));

    [Fact]
    public async Task A_command_line_is_bound_to_its_request_and_answered()
    {
        var reply = await DispatchAsync("/probe ada --times 3", HostFixture.User);
        Assert.Equal("ada ada ada (as User)", reply.Text);
    }

    [Fact]
    public async Task A_button_press_sends_the_stored_request_as_the_presser()
    {
        string token;
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            token = await scope.ServiceProvider.GetRequiredService<IButtonTokens>().IssueAsync(new Probe.Command("bo", 2), issuedTo: HostFixture.User);
        }

        var reply = await Host.Services.GetRequiredService<ICommandDispatcher>().PressAsync(token, new CommandContext(HostFixture.User, Chat));

        Assert.Equal("bo bo (as User)", reply.Text);
    }

    [Theory]
    [InlineData("cb:AAAAAAAAAAAAAAAA")]
    [InlineData("not a token")]
    public async Task A_forged_button_is_answered_not_thrown(string data)
    {
        var reply = await Host.Services.GetRequiredService<ICommandDispatcher>().PressAsync(data, new CommandContext(HostFixture.User, Chat));
        Assert.StartsWith("This button no longer works", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_elses_button_is_refused()
    {
        string token;
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            token = await scope.ServiceProvider.GetRequiredService<IButtonTokens>().IssueAsync(new Probe.Command("bo", 1), issuedTo: HostFixture.User);
        }

        var reply = await Host.Services.GetRequiredService<ICommandDispatcher>().PressAsync(token, new CommandContext(HostFixture.OtherUser, Chat));
        Assert.Equal("This button is not for you.", reply.Text);
    }

    [Fact]
    public async Task Text_without_a_registered_route_points_to_help()
    {
        var reply = await Host.Services.GetRequiredService<ICommandDispatcher>().HandleTextAsync("hello there", new CommandContext(HostFixture.User, Chat));
        Assert.Equal("I answer commands only. Send /help to see them.", reply.Text);
    }

    [Fact]
    public async Task Whoami_names_the_id_and_role()
    {
        Assert.Equal("You are 2 on test, an allowed user.", (await DispatchAsync("/whoami", HostFixture.User)).Text);
        Assert.Equal("You are 1 on test, an admin.", (await DispatchAsync("/whoami", HostFixture.Admin)).Text);
    }

    [Fact]
    public async Task Plugins_is_for_admins_and_lists_each_plugin_with_its_status()
    {
        var refused = await DispatchAsync("/plugins", HostFixture.User);
        var listed = await DispatchAsync("/plugins", HostFixture.Admin);

        Assert.DoesNotContain("llm-gateway", refused.Text, StringComparison.Ordinal);
        Assert.Contains("llm-gateway 0.1.0 — NotConfigured: ", listed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_points_to_help()
    {
        var reply = await DispatchAsync("/frobnicate now", HostFixture.User);
        Assert.Equal("Unknown command /frobnicate. Send /help to see the commands.", reply.Text);
    }

    [Fact]
    public async Task A_syntax_error_is_answered_with_the_usage()
    {
        var reply = await DispatchAsync("/probe \"ada", HostFixture.User);
        Assert.Equal("Unclosed quote \" at position 8: add the closing \".\nUsage: /probe <name> [--times N] [--loud]", reply.Text);
    }

    [Fact]
    public async Task A_missing_argument_is_named()
    {
        var reply = await DispatchAsync("/probe", HostFixture.User);
        Assert.StartsWith("/probe needs a name.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_number_is_named()
    {
        var reply = await DispatchAsync("/probe ada --times lots", HostFixture.User);
        Assert.StartsWith("--times expects a number such as 0.50, not 'lots'.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validation_failures_come_back_as_a_reply_listing_each_field()
    {
        var reply = await DispatchAsync("/probe abcdefghijklmnop --times 9", HostFixture.User);
        Assert.Contains("Name:", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Times:", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refusals_come_back_as_a_reply_not_an_exception()
    {
        var reply = await DispatchAsync("/probe ada", HostFixture.Stranger);
        Assert.Contains("/allow 99", reply.Text, StringComparison.Ordinal);
        Assert.Equal("Only admins can do this.", (await DispatchAsync("/allow 5", HostFixture.User)).Text);
    }

    [Fact]
    public async Task Help_is_generated_from_the_registry_and_hides_admin_commands_from_users()
    {
        var forUser = (await DispatchAsync("/help", HostFixture.User)).Text;
        Assert.Contains("/probe <name> [--times N] [--loud] — Echo a name", forUser, StringComparison.Ordinal);
        Assert.Contains("/help", forUser, StringComparison.Ordinal);
        Assert.DoesNotContain("/allow", forUser, StringComparison.Ordinal);

        var forAdmin = (await DispatchAsync("/help", HostFixture.Admin)).Text;
        Assert.Contains("/allow <telegram user id>", forAdmin, StringComparison.Ordinal);
        Assert.Contains("/users", forAdmin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_allow_deny_and_list_users_and_each_change_is_audited()
    {
        Host.Clock.Advance(TimeSpan.FromMinutes(1)); // past refusals other tests recorded
        Assert.Contains("/allow 77", (await DispatchAsync("/probe ada", HostFixture.Stranger with { Id = 77 })).Text, StringComparison.Ordinal);

        Assert.Equal("User 77 can now use the bot.", (await DispatchAsync("/allow 77", HostFixture.Admin)).Text);
        Assert.Equal("User 77 was already allowed.", (await DispatchAsync("/allow 77", HostFixture.Admin)).Text);
        Assert.Equal("ada (as User)", (await DispatchAsync("/probe ada", HostFixture.Stranger with { Id = 77 })).Text);

        var list = (await DispatchAsync("/users", HostFixture.Admin)).Text;
        Assert.Contains("77  allowed  (by 1,", list, StringComparison.Ordinal);
        Assert.Contains("1  admin  (by config,", list, StringComparison.Ordinal);

        Assert.Equal("User 77 can no longer use the bot.", (await DispatchAsync("/deny 77", HostFixture.Admin)).Text);
        Assert.Contains("/allow 77", (await DispatchAsync("/probe ada", HostFixture.Stranger with { Id = 77 })).Text, StringComparison.Ordinal);

        await using var scope = Host.CreateScope(HostFixture.System);
        var actions = await scope.ServiceProvider.GetRequiredService<KernelDbContext>().AuditLog.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
        // The stranger's refused probe is on record too, once: the second refusal came within the same minute.
        Assert.Equal(["Probe.Command", "AllowUser.Command", "AllowUser.Command", "ListUsers.Command", "DenyUser.Command"], actions);
    }

    [Fact]
    public async Task Admins_from_configuration_cannot_be_denied_in_chat()
    {
        var reply = await DispatchAsync($"/deny {HostFixture.AdminId}", HostFixture.Admin);
        Assert.Contains("is an admin (ADMIN_USERS)", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_id_that_is_not_a_number_is_explained()
    {
        var reply = await DispatchAsync("/allow bob", HostFixture.Admin);
        Assert.StartsWith("'bob' is not a Telegram user id", reply.Text, StringComparison.Ordinal);
    }
}
