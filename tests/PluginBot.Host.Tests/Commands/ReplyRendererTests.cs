using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Host.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Host.Tests.Commands;

[Collection(TestHandlersCollection.Name)]
public sealed class ReplyRendererTests(TestHandlersFixture host) : HostTest<TestHandlersFixture>(host)
{
    private static readonly ConversationReference Chat = new("test", "100");

    private Task<Reply> DispatchAsync(string line, Actor actor) =>
        Host.Services.GetRequiredService<ICommandDispatcher>().DispatchAsync(line, new CommandContext(actor, Chat));

    [Fact]
    public async Task A_command_whose_request_answers_a_view_is_shown_through_the_views_chat_renderer()
    {
        var reply = await DispatchAsync("/viewprobe ada", HostFixture.User);

        Assert.Equal($"ada, seen as {HostFixture.User}, in 100", reply.Text);
        Assert.False(reply.IsProblem);
    }

    [Fact]
    public async Task A_button_whose_request_answers_a_view_is_rendered_the_same_way()
    {
        string token;
        await using (var scope = Host.CreateScope(HostFixture.User))
        {
            token = await scope.ServiceProvider.GetRequiredService<IButtonTokens>().IssueAsync(new ViewProbe.Query("bo"), issuedTo: HostFixture.User);
        }

        var reply = await Host.Services.GetRequiredService<ICommandDispatcher>().PressAsync(token, new CommandContext(HostFixture.User, Chat));

        Assert.Equal($"bo, seen as {HostFixture.User}, in 100", reply.Text);
    }

    [Fact]
    public async Task A_view_without_a_renderer_is_a_problem_for_the_user_and_a_logged_error_naming_the_registration_to_add()
    {
        var reply = await DispatchAsync("/unrendered ada", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.StartsWith("Something went wrong on the bot's side", reply.Text, StringComparison.Ordinal);
        Assert.Contains(Host.Logs.Lines, l => l.Contains("No chat renderer for Result: register one with services.AddReplyRenderer<Result, …>()", StringComparison.Ordinal));
    }
}
