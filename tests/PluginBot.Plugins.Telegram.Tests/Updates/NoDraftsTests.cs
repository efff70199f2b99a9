using PluginBot.TestKit;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Telegram.Tests.Updates;

/// <summary>A self-hosted Bot API server without sendMessageDraft: private answers stream by editing a message instead.</summary>
public sealed class NoDraftsTests
{
    private const long User = HostFixture.UserId;

    [Fact]
    public async Task Without_drafts_a_private_answer_is_one_message_edited_in_place_and_typing_is_shown_first()
    {
        await using var fake = await StandaloneBot.StartFakeAsync();
        fake.SupportsDrafts = false;
        await using var gateway = new FakeOpenAiServer { ApiKey = "sk-nodrafts", Models = ["gpt-test"] };
        await gateway.StartAsync();
        gateway.Enqueue(new FakeReply { Text = "Streaming without drafts works fine.", Chunks = 8, ChunkDelay = TimeSpan.FromMilliseconds(150) });
        var bot = new StandaloneBot(fake, extra: new Dictionary<string, string?>
        {
            ["Plugins:LlmGateway:Enabled"] = "true",
            ["Plugins:LlmGateway:Url"] = new Uri(gateway.BaseAddress, "/v1").ToString(),
            ["Plugins:LlmGateway:Token"] = "sk-nodrafts",
            ["Plugins:LlmGateway:DefaultModel"] = "gpt-test",
            ["Models:Provider"] = "gateway",
        });
        await bot.InitializeAsync();
        try
        {
            fake.SendText(User, User, "hello");

            await Eventually.UntilAsync(() => fake.SentMessages(User).Any(m => m.Text == "Streaming without drafts works fine." && m.AllButtons.Count == 0));
            var answer = Assert.Single(fake.SentMessages(User));
            Assert.NotEmpty(answer.History);
            Assert.Contains(fake.ChatActions, a => a.ChatId == User && a.Action == "typing");
            Assert.Contains(bot.Logs.Lines, l => l.Contains("has no sendMessageDraft", StringComparison.Ordinal));
        }
        finally
        {
            await bot.DisposeAsync();
        }
    }
}
