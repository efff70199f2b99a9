using PluginBot.Plugins.Chat.Tests.Support;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Chat.Tests.Features;

public sealed class StatusTests(ChatFixture fixture) : ChatTest(fixture)
{
    [Fact]
    public async Task Status_shows_the_default_model_no_project_an_empty_conversation_and_no_answer_running()
    {
        var reply = await CommandAsync("/status");

        Assert.Equal(
            "Model: gateway:gpt-test (the bot's default)\nProject: none\nConversation: 0 messages, about 0 tokens\nAnswer: none running",
            reply.Text);
    }

    [Fact]
    public async Task Status_shows_a_model_chosen_for_the_chat_and_the_conversation_size()
    {
        await CommandAsync("/model smart");
        Gateway.Enqueue(FakeReply.WithText("12345678"));
        await AskAsync("1234");

        var reply = await CommandAsync("/status");

        Assert.Contains("Model: smart = gateway:smart-model (chosen for this chat)", reply.Text, StringComparison.Ordinal);
        Assert.Contains("Conversation: 2 messages, about 3 tokens", reply.Text, StringComparison.Ordinal);
    }
}
