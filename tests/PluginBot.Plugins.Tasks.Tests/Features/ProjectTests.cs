using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Tasks.Tests.Support;
using PluginBot.TestKit;

namespace PluginBot.Plugins.Tasks.Tests.Features;

public sealed class ProjectTests(TasksFixture fixture) : TasksTest(fixture)
{
    [Fact]
    public async Task The_chats_project_is_chosen_in_a_picker_and_new_tasks_belong_to_it_unless_told_otherwise()
    {
        var picker = await Host.CommandAsync("/project", HostFixture.User);
        Assert.Equal("This chat's project: none. Choose one:", picker.Text);
        Assert.Equal(["web", "docs", "none"], picker.Buttons.Select(row => row[0].Label));

        var chosen = await Host.PressAsync(picker.Buttons[1][0].ActionToken!, HostFixture.User);
        Assert.Equal("Project set to docs for this chat; new tasks belong to it.", chosen.Text);
        Assert.True(chosen.ReplacesOrigin);

        var inProject = await Host.StartAsync("write the docs", HostFixture.User);
        var overridden = await Host.StartAsync("fix the site --project WEB", HostFixture.User);
        Assert.Equal("docs", (await Host.TaskAsync(inProject))!.Project);
        Assert.Equal("web", (await Host.TaskAsync(overridden))!.Project);
        Assert.StartsWith("This chat's project: docs.", (await Host.CommandAsync("/project", HostFixture.User)).Text, StringComparison.Ordinal);

        Assert.Equal("This chat has no project now; new tasks belong to none.", (await Host.CommandAsync("/project none", HostFixture.User)).Text);
        var without = await Host.StartAsync("anything", HostFixture.User);
        Assert.Null((await Host.TaskAsync(without))!.Project);
    }

    [Fact]
    public async Task An_unknown_project_is_refused_with_the_ones_there_are()
    {
        var reply = await Host.CommandAsync("/project nope", HostFixture.User);

        Assert.True(reply.IsProblem);
        Assert.Equal("There is no project 'nope'. The projects are web, docs.", reply.Text);
    }

    [Fact]
    public async Task The_card_and_the_spend_of_a_task_show_its_project()
    {
        var id = await Host.StartAsync("site work --project web", HostFixture.User);
        await Host.WaitForAsync(id);

        var status = await Host.CommandAsync($"/taskstatus {id}", HostFixture.User);

        Assert.Contains("Model: default · Project: web", status.Text, StringComparison.Ordinal);
        var costs = await Host.CommandAsync("/costs today --by project", HostFixture.User);
        Assert.Contains("web", costs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_group_only_an_admin_chooses_its_project_and_a_member_sets_their_own()
    {
        // The recording transport cannot say who administers a chat, so in its groups everyone is a member.
        var group = new ConversationReference(RecordingTransport.TransportName, "-100900");

        var refused = await InGroupAsync("/project web", HostFixture.User, group);
        var own = await InGroupAsync("/project docs --mine", HostFixture.User, group);

        Assert.True(refused.IsProblem);
        Assert.Equal("Only an admin of this group (or of the bot) can change its project. To set your own, used in chats that have not chosen one, send /project <name> --mine.", refused.Text);
        Assert.Equal("Your own project is docs now, in chats that have none; new tasks you start there belong to it.", own.Text);
        Assert.Equal("docs", (await Host.TaskAsync(await Host.StartAsync("in my own chat", HostFixture.User)))!.Project);

        Assert.Equal("Project set to web for this chat; new tasks belong to it.", (await InGroupAsync("/project web", HostFixture.Admin, group)).Text);
        Assert.False((await InGroupAsync("/task in the group", HostFixture.User, group)).IsProblem);
        Assert.Equal("web", (await Host.TasksAsync()).Single(t => t.Prompt == "in the group").Project);
    }

    private Task<Reply> InGroupAsync(string line, Actor actor, ConversationReference group) =>
        Host.Services.GetRequiredService<ICommandDispatcher>().DispatchAsync(line, new CommandContext(actor, group));
}
