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
}
