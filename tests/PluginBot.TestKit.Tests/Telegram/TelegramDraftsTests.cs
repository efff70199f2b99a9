using PluginBot.TestKit.Telegram;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>Streamed drafts (<c>sendMessageDraft</c>) and the user's stop button, driven by the real Telegram.Bot client.</summary>
public sealed class TelegramDraftsTests
{
    [Fact]
    public async Task A_draft_is_recorded_as_parsed_text_with_its_stop_options()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "explain");
        var bot = Client(fake);

        await bot.SendMessageDraft(Alice, 7, "<b>Step 1</b> of 3", ParseMode.Html, canStop: true);
        await bot.SendMessageDraft(Alice, 7, "<b>Step 2</b> of 3", ParseMode.Html, canStop: true, keepOnStop: true);

        var drafts = fake.Drafts(Alice);
        Assert.Equal(["Step 1 of 3", "Step 2 of 3"], drafts.Select(d => d.Text));
        Assert.Equal((Alice, 7L, true, true), (drafts[1].ChatId, drafts[1].DraftId, drafts[1].CanStop, drafts[1].KeepOnStop));
        Assert.False(drafts[0].KeepOnStop);
        Assert.Equal("HTML", drafts[0].ParseMode, ignoreCase: true);
        Assert.Equal(2, fake.DraftUpdates);
        Assert.Empty(fake.SentMessages(Alice));
    }

    [Fact]
    public async Task An_empty_draft_is_the_thinking_placeholder_but_over_4096_characters_is_too_long()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "explain");
        var bot = Client(fake);

        await bot.SendMessageDraft(Alice, 1, "");
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Alice, 1, new string('x', 4097)));

        Assert.Equal("", Assert.Single(fake.Drafts(Alice)).Text);
        Assert.Equal("Bad Request: message is too long", error.Message);
    }

    [Fact]
    public async Task Draft_in_a_group_is_refused()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Forum, 1, "typing along"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal("Bad Request: TEXTDRAFT_PEER_INVALID", error.Message);
        Assert.Equal(0, fake.DraftUpdates);
    }

    [Fact]
    public async Task A_zero_draft_id_malformed_markup_and_unknown_or_blocking_users_are_refused()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        fake.SendText(Bob, Bob, "bye");
        fake.BlockBot(Bob);
        var bot = Client(fake);

        var zero = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Alice, 0, "x"));
        var markup = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Alice, 1, "<b>open", ParseMode.Html));
        var unknown = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(4242, 1, "x"));
        var blocked = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Bob, 1, "x"));

        Assert.Equal((400, "Bad Request: draft_id must be non-zero"), (zero.ErrorCode, zero.Message));
        Assert.StartsWith("Bad Request: can't parse entities", markup.Message, StringComparison.Ordinal);
        Assert.Equal("Bad Request: chat not found", unknown.Message);
        Assert.Equal((403, "Forbidden: bot was blocked by the user"), (blocked.ErrorCode, blocked.Message));
        Assert.Equal(0, fake.DraftUpdates);
    }

    [Fact]
    public async Task Drafts_count_against_the_private_chat_flood_limit()
    {
        await using var fake = await StartFakeAsync(new FloodLimits { PrivateChat = new RateLimit(2, TimeSpan.FromSeconds(10)) });
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        await bot.SendMessageDraft(Alice, 1, "Thinking");
        await bot.SendMessageDraft(Alice, 1, "Thinking harder");

        var draft = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Alice, 1, "Almost"));
        var message = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Alice, "Done"));

        Assert.Equal(429, draft.ErrorCode);
        Assert.InRange(draft.Parameters!.RetryAfter!.Value, 1, 10);
        Assert.Equal(429, message.ErrorCode);
        Assert.Equal(2, fake.DraftUpdates);
    }

    [Fact]
    public async Task Without_draft_support_the_method_is_404_Not_Found_like_an_older_server()
    {
        await using var fake = await StartFakeAsync();
        fake.SupportsDrafts = false;
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessageDraft(Alice, 1, "Thinking"));
        var sent = await bot.SendMessage(Alice, "plain answer");

        Assert.Equal((404, "Not Found"), (error.ErrorCode, error.Message));
        Assert.Equal("plain answer", sent.Text);
        Assert.Empty(fake.Drafts(Alice));
    }

    [Fact]
    public async Task Pressing_stop_delivers_a_StoppedMessageGeneration_update()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "write an essay");
        var bot = Client(fake);
        var first = await bot.GetUpdates();
        await bot.SendMessageDraft(Alice, 99, "Once upon", canStop: true);

        fake.StopDraft(Alice, 99, Alice);
        var update = Assert.Single(await bot.GetUpdates(offset: first[^1].Id + 1));

        Assert.Equal(UpdateType.StoppedMessageGeneration, update.Type);
        Assert.Equal((Alice, ChatType.Private, 99L), (update.StoppedMessageGeneration!.Chat.Id, update.StoppedMessageGeneration.Chat.Type, update.StoppedMessageGeneration.DraftId));
        Assert.Null(update.StoppedMessageGeneration.MessageThreadId);
    }

    [Fact]
    public async Task Only_a_draft_whose_latest_version_can_stop_has_a_stop_button()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "go");
        var bot = Client(fake);
        await bot.SendMessageDraft(Alice, 5, "first", canStop: true);
        await bot.SendMessageDraft(Alice, 5, "second");

        Assert.Throws<InvalidOperationException>(() => fake.StopDraft(Alice, 5, Alice));
        Assert.Throws<InvalidOperationException>(() => fake.StopDraft(Alice, 6, Alice));
        Assert.Equal("go", Assert.Single(await bot.GetUpdates()).Message!.Text);
    }
}
