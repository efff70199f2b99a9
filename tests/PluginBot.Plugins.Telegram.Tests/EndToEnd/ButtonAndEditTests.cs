using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

/// <summary>Button presses and edits the bot does not act on, and a press Telegram has already forgotten.</summary>
[Collection(TelegramCollection.Name)]
public sealed class ButtonAndEditTests(TelegramFixture host) : TelegramTest(host)
{
    private const long User = HostFixture.UserId;

    [Fact]
    public async Task A_stranger_pressing_a_button_in_a_group_is_told_the_refusal_alone_and_nothing_changes()
    {
        const long group = -100_811;
        const long stranger = 777_301;
        Telegram.AddGroup(group, "Pickers");
        Telegram.SetMemberStatus(group, User, "administrator"); // a group's /model picker is its administrators'
        Telegram.SendCommand(group, User, "model", addressed: true);
        var picker = (await NewMessagesAsync(group, 0)).Single();
        var big = picker.AllButtons.Single(b => b.Text.Contains("gpt-big", StringComparison.Ordinal));

        var query = Telegram.PressButton(picker.MessageId, big.CallbackData!, stranger);
        await AllHandledAsync();

        var answer = Assert.Single(Telegram.AnsweredCallbacks, a => a.CallbackQueryId == query);
        Assert.Contains("Your Telegram id is 777301", answer.Text, StringComparison.Ordinal);
        Assert.Single(Telegram.SentMessages(group));
        Assert.Equal(picker.AllButtons.Count, Telegram.SentMessages(group)[0].AllButtons.Count);
    }

    [Fact]
    public async Task A_press_telegram_no_longer_takes_an_answer_for_still_makes_the_choice()
    {
        var before = Count(User);
        Telegram.SendCommand(User, User, "model");
        var picker = (await NewMessagesAsync(User, before)).Single();
        var big = picker.AllButtons.Single(b => b.Text.Contains("gpt-big", StringComparison.Ordinal));
        Telegram.FailNext("answerCallbackQuery", TelegramErrors.BadRequest("query is too old and response timeout expired or query ID is invalid"));

        Telegram.PressButton(picker.MessageId, big.CallbackData!, User);

        await Eventually.UntilAsync(() => Telegram.SentMessages(User)[before].AllButtons.Count == 0);
        Assert.Contains("gpt-big", Telegram.SentMessages(User)[before].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edited_message_in_a_group_is_not_answered_even_when_it_now_addresses_the_bot()
    {
        const long group = -100_802;
        Telegram.AddGroup(group, "Editors");
        var sent = Telegram.SendText(group, User, "talking among people");

        Telegram.EditText(sent, $"@{Telegram.Bot.Username} what about now?");
        await AllHandledAsync();

        Assert.Empty(Telegram.SentMessages(group));
    }
}
