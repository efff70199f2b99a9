using PluginBot.Plugins.Chat.Tests.Support;

namespace PluginBot.Plugins.Chat.Tests.Features;

public sealed class ModelTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task Model_with_an_alias_is_saved_for_the_chat_and_answers_use_it()
    {
        var reply = await CommandAsync("/model smart");

        Assert.Equal("Model set to smart (gateway:smart-model) for this chat.", reply.Text);
        await AskAsync("Are you smart?");
        Assert.Equal("smart-model", CallFor("Are you smart?").Model);
    }

    [Fact]
    public async Task A_model_chosen_in_one_chat_does_not_change_another()
    {
        await CommandAsync("/model gateway:other-model", chat: NewChat());

        await AskAsync("Which model here?");

        Assert.Equal("gpt-test", CallFor("Which model here?").Model);
    }

    [Fact]
    public async Task Model_on_an_unknown_endpoint_is_refused_with_the_routers_reason()
    {
        var reply = await CommandAsync("/model nowhere:gpt-9");

        Assert.StartsWith("Unknown endpoint 'nowhere'", reply.Text, StringComparison.Ordinal);
        Assert.Contains("gpt-test", (await CommandAsync("/status")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Model_the_endpoint_does_not_offer_is_refused()
    {
        var reply = await CommandAsync("/model gpt-9");

        Assert.Equal("gateway does not offer 'gpt-9': send /models to see the models you can use.", reply.Text);
    }

    [Fact]
    public async Task Model_alone_offers_one_button_per_model_with_the_current_one_marked()
    {
        var picker = await CommandAsync("/model");

        var labels = picker.Buttons.Select(row => Assert.Single(row).Label).ToList();
        Assert.Equal(["✓ gateway:gpt-test", "gateway:other-model", "smart", "ghost (unavailable)"], labels);
        Assert.All(picker.Buttons, row => Assert.StartsWith("cb:", row[0].ActionToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pressing_a_model_in_the_picker_sets_it_and_replaces_the_picker()
    {
        var picker = await CommandAsync("/model");
        var smart = picker.Buttons.Select(row => row[0]).Single(b => b.Label == "smart");

        var reply = await PressAsync(smart.ActionToken!);

        Assert.Equal("Model set to smart (gateway:smart-model) for this chat.", reply.Text);
        Assert.True(reply.ReplacesOrigin);
        var again = await CommandAsync("/model");
        Assert.Contains(again.Buttons, row => row[0].Label == "✓ smart");
    }

    [Fact]
    public async Task Models_lists_every_model_with_aliases_and_availability()
    {
        var reply = await CommandAsync("/models");

        Assert.Contains("✓ gateway:gpt-test", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• gateway:smart-model (alias smart)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("• gateway:retired-model (alias ghost) — unavailable", reply.Text, StringComparison.Ordinal);
    }
}
