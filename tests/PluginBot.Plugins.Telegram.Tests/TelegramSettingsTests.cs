using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Telegram.Tests;

public sealed class TelegramSettingsTests
{
    private const string Token = "123456:ABC-def_ghi";

    private static TelegramSettings Read(params (string Key, string Value)[] values) => SettingsHarness.Read(values);

    private static string Problem(params (string Key, string Value)[] values) =>
        Assert.Throws<PluginNotConfiguredException>(() => Read(values)).Message;

    [Fact]
    public void Without_a_token_the_plugin_is_not_configured_and_says_where_to_get_one()
    {
        var message = Problem();
        Assert.Contains("TELEGRAM_BOT_TOKEN", message, StringComparison.Ordinal);
        Assert.Contains("@BotFather", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mangled_token_is_refused_without_echoing_it()
    {
        var message = Problem(("BotToken", "not a token at all"));
        Assert.Contains("does not look like a bot token", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not a token at all", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_poll_the_public_Bot_API_with_drafts_and_limits_below_Telegrams()
    {
        var settings = Read(("BotToken", Token));

        Assert.Equal("https://api.telegram.org", settings.ApiUrl);
        Assert.Null(settings.WebhookUrl);
        Assert.True(settings.UseDrafts);
        Assert.Equal(TimeSpan.FromSeconds(50), settings.PollTimeout);
        Assert.True(settings.Limits.PrivateChatSpacing > TimeSpan.FromSeconds(1));
        Assert.True(settings.Limits.GroupSpacing > TimeSpan.FromSeconds(3));
        Assert.True(settings.Limits.GlobalSpacing > TimeSpan.FromSeconds(1.0 / 30));
    }

    [Fact]
    public void A_webhook_needs_a_secret()
    {
        Assert.Contains("TELEGRAM_WEBHOOK_SECRET", Problem(("BotToken", Token), ("WebhookUrl", "https://bot.example.org/telegram")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_http_webhook_is_refused_for_the_public_Bot_API_but_allowed_for_a_self_hosted_one()
    {
        Assert.Contains("https://", Problem(("BotToken", Token), ("WebhookUrl", "http://bot.example.org/hook"), ("WebhookSecret", "s3cret")), StringComparison.Ordinal);

        var selfHosted = Read(("BotToken", Token), ("WebhookUrl", "http://10.0.0.5/hook"), ("WebhookSecret", "s3cret"), ("ApiUrl", "http://10.0.0.2:8081"));
        Assert.Equal("/hook", selfHosted.WebhookUrl!.AbsolutePath);
    }

    [Fact]
    public void Every_bad_setting_is_named_at_once()
    {
        var message = Problem(
            ("BotToken", Token),
            ("WebhookSecret", "has spaces!"),
            ("PollTimeoutSeconds", "500"),
            ("UseDrafts", "sometimes"),
            ("Limits:GroupSpacingMs", "-3"));

        Assert.Contains("TELEGRAM_WEBHOOK_SECRET", message, StringComparison.Ordinal);
        Assert.Contains("PollTimeoutSeconds", message, StringComparison.Ordinal);
        Assert.Contains("UseDrafts", message, StringComparison.Ordinal);
        Assert.Contains("Limits:GroupSpacingMs", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Addresses_are_shown_without_the_credentials_they_may_carry()
    {
        var settings = Read(
            ("BotToken", Token), ("ApiUrl", "http://bot:pa55word@10.0.0.2:8081/"),
            ("WebhookUrl", "http://hook:s3cret@10.0.0.5/telegram?x=1&token=t0k3n"), ("WebhookSecret", "s3cret"));

        Assert.Equal("http://***@10.0.0.2:8081", settings.ApiUrlForDisplay);
        Assert.Equal("http://***@10.0.0.5/telegram?x=1&token=***", settings.WebhookUrlForDisplay);
    }
}
