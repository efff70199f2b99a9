using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;
using static PluginBot.TestKit.Tests.Telegram.TelegramClients;

namespace PluginBot.TestKit.Tests.Telegram;

/// <summary>Webhook delivery and <c>allowed_updates</c>, set up with the real Telegram.Bot client.</summary>
public sealed class TelegramWebhookTests
{
    [Fact]
    public async Task Pending_and_new_updates_are_posted_in_order_with_the_secret_token()
    {
        await using var fake = await StartFakeAsync();
        await using var hook = await WebhookReceiver.ListenAsync();
        fake.SendText(Alice, Alice, "before");
        var bot = Client(fake);

        await bot.SetWebhook(hook.Url, secretToken: "s3cret-token_1");
        fake.SendText(Alice, Alice, "after");
        await Eventually.UntilAsync(() => fake.WebhookDeliveries.Count == 2);

        Assert.Equal(["before", "after"], hook.Posted.Select(u => u.Message!.Text));
        Assert.All(hook.Posts, post => Assert.Equal("s3cret-token_1", post.Headers["X-Telegram-Bot-Api-Secret-Token"]));
        Assert.All(hook.Posts, post => Assert.StartsWith("application/json", post.Headers["Content-Type"], StringComparison.Ordinal));
        Assert.All(fake.WebhookDeliveries, d => Assert.Equal((hook.Url, 200), (d.Url, d.StatusCode)));
        Assert.Equal(hook.Posted.Select(u => (long)u.Id), fake.WebhookDeliveries.Select(d => d.UpdateId));
        Assert.Equal(0, (await bot.GetWebhookInfo()).PendingUpdateCount);
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_and_its_error_shows_in_getWebhookInfo()
    {
        await using var fake = await StartFakeAsync();
        await using var hook = await WebhookReceiver.ListenAsync(401, 401);
        var bot = Client(fake);
        await bot.SetWebhook(hook.Url);

        fake.SendText(Alice, Alice, "hello?");
        await Eventually.UntilAsync(() => fake.WebhookDeliveries.Count >= 1);
        var failing = await bot.GetWebhookInfo();
        await Eventually.UntilAsync(() => fake.WebhookDeliveries.Any(d => d.Delivered));
        var recovered = await bot.GetWebhookInfo();

        Assert.Equal(1, failing.PendingUpdateCount);
        Assert.Equal("Wrong response from the webhook: 401 Unauthorized", failing.LastErrorMessage);
        Assert.InRange(failing.LastErrorDate!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal([401, 401, 200], fake.WebhookDeliveries.Select(d => d.StatusCode ?? 0));
        Assert.Equal(0, recovered.PendingUpdateCount);
        Assert.Equal(["hello?", "hello?", "hello?"], hook.Posted.Select(u => u.Message!.Text));
    }

    [Fact]
    public async Task A_webhook_outside_loopback_is_refused()
    {
        await using var fake = await StartFakeAsync();
        var bot = Client(fake);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SetWebhook("https://bot.example.org/hook"));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: bad webhook: ", error.Message, StringComparison.Ordinal);
        Assert.Equal("", (await bot.GetWebhookInfo()).Url);
    }

    [Fact]
    public async Task An_active_webhook_makes_getUpdates_a_409_conflict_until_it_is_deleted()
    {
        await using var fake = await StartFakeAsync();
        await using var hook = await WebhookReceiver.ListenAsync();
        hook.AlwaysAnswer = 503;
        fake.SendText(Alice, Alice, "pending");
        var bot = Client(fake);

        await bot.SetWebhook(hook.Url);
        var info = await bot.GetWebhookInfo();
        var conflict = await Assert.ThrowsAsync<ApiRequestException>(() => bot.GetUpdates());
        await bot.DeleteWebhook();

        Assert.Equal((hook.Url, 1), (info.Url, info.PendingUpdateCount));
        Assert.Equal(409, conflict.ErrorCode);
        Assert.Equal("pending", Assert.Single(await bot.GetUpdates()).Message!.Text);
    }

    [Fact]
    public async Task Deleting_the_webhook_with_drop_pending_updates_stops_delivery_and_empties_the_queue()
    {
        await using var fake = await StartFakeAsync();
        await using var hook = await WebhookReceiver.ListenAsync();
        hook.AlwaysAnswer = 500;
        var bot = Client(fake);
        await bot.SetWebhook(hook.Url);
        fake.SendText(Alice, Alice, "lost");
        await Eventually.UntilAsync(() => fake.WebhookDeliveries.Count >= 1);

        await bot.DeleteWebhook(dropPendingUpdates: true);
        var attempts = fake.WebhookDeliveries.Count;
        await Eventually.UntilAsync(() => fake.WebhookDeliveryIdle);

        Assert.InRange(fake.WebhookDeliveries.Count, attempts, attempts + 1); // one may have been under way
        Assert.True(fake.WebhookDeliveryIdle);
        Assert.Empty(await bot.GetUpdates());
        Assert.Equal(0, (await bot.GetWebhookInfo()).PendingUpdateCount);
    }

    [Fact]
    public async Task Disposing_the_fake_stops_delivery()
    {
        await using var hook = await WebhookReceiver.ListenAsync();
        hook.AlwaysAnswer = 500;
        var fake = await StartFakeAsync();
        await Client(fake).SetWebhook(hook.Url);
        fake.SendText(Alice, Alice, "retried until disposed");
        await Eventually.UntilAsync(() => hook.Posts.Count >= 1);

        var attempts = fake.WebhookDeliveries.Count;
        await fake.DisposeAsync();

        Assert.True(fake.WebhookDeliveryStopped);
        Assert.InRange(fake.WebhookDeliveries.Count, attempts, attempts + 1); // one may have been under way
    }

    [Fact]
    public async Task Allowed_updates_keeps_other_kinds_from_being_created()
    {
        await using var fake = await StartFakeAsync();
        fake.SendText(Alice, Alice, "hi");
        var bot = Client(fake);
        var sent = await bot.SendMessage(Alice, "Pick", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("A", "a")));
        var first = await bot.GetUpdates(allowedUpdates: [UpdateType.CallbackQuery]);

        fake.SendText(Alice, Alice, "ignored");
        fake.PressButton(sent.MessageId, "a", Alice);
        var next = await bot.GetUpdates(offset: first[^1].Id + 1);
        await bot.GetUpdates(offset: next[^1].Id + 1, allowedUpdates: []);
        fake.SendText(Alice, Alice, "seen again");

        Assert.Equal(UpdateType.CallbackQuery, Assert.Single(next).Type);
        Assert.Equal("seen again", Assert.Single(await bot.GetUpdates()).Message!.Text);
    }

    [Fact]
    public async Task Allowed_updates_of_setWebhook_filter_deliveries_and_show_in_getWebhookInfo()
    {
        await using var fake = await StartFakeAsync();
        await using var hook = await WebhookReceiver.ListenAsync();
        var bot = Client(fake);
        await bot.SetWebhook(hook.Url, allowedUpdates: [UpdateType.EditedMessage]);

        var original = fake.SendText(Alice, Alice, "tpyo");
        fake.EditText(original, "typo");
        await Eventually.UntilAsync(() => fake.WebhookDeliveries.Count == 1);

        Assert.Equal("typo", Assert.Single(hook.Posted).EditedMessage!.Text);
        Assert.Equal([UpdateType.EditedMessage], (await bot.GetWebhookInfo()).AllowedUpdates!);
    }
}
