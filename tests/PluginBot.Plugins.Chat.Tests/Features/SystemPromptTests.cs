using PluginBot.Plugins.Chat.Tests.Support;

namespace PluginBot.Plugins.Chat.Tests.Features;

public sealed class SystemPromptTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task A_chat_without_a_system_prompt_says_none_is_set()
    {
        var reply = await CommandAsync("/system");

        Assert.StartsWith("No system prompt is set for this chat.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_prompt_that_is_set_is_shown()
    {
        Assert.StartsWith("System prompt set", (await CommandAsync("/system You are a pirate.")).Text, StringComparison.Ordinal);

        var shown = await CommandAsync("/system");

        Assert.Contains("You are a pirate.", shown.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_system_prompt_is_sent_first_before_the_history()
    {
        await CommandAsync("/system Answer in French.");
        await AskAsync("Hello");

        await AskAsync("How are you?");

        var messages = MessagesOf(CallFor("How are you?"));
        Assert.Equal(("system", "Answer in French."), messages[0]);
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m.Role));
    }

    [Fact]
    public async Task Reset_clears_the_system_prompt_so_none_is_sent()
    {
        await CommandAsync("/system Answer in French.");

        Assert.Equal("System prompt cleared for this chat.", (await CommandAsync("/system reset")).Text);

        await AskAsync("Hello again");
        Assert.DoesNotContain(MessagesOf(CallFor("Hello again")), m => m.Role == "system");
    }

    [Fact]
    public async Task A_system_prompt_belongs_to_its_chat_only()
    {
        await CommandAsync("/system Answer in French.", chat: NewChat());

        await AskAsync("Hello here");

        Assert.DoesNotContain(MessagesOf(CallFor("Hello here")), m => m.Role == "system");
    }
}
