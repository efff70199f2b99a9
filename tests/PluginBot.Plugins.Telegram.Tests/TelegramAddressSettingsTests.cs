using PluginBot.Abstractions.Plugins;

namespace PluginBot.Plugins.Telegram.Tests;

/// <summary>The Bot API and webhook addresses and the on/off switches: what is refused, and what each refusal says.</summary>
public sealed class TelegramAddressSettingsTests
{
    private const string Token = "123456:ABC-def_ghi";

    private static TelegramSettings Read(params (string Key, string Value)[] values) => SettingsHarness.Read(values);

    private static string Problem(params (string Key, string Value)[] values) =>
        Assert.Throws<PluginNotConfiguredException>(() => Read(values)).Message;

    [Theory]
    [InlineData("ftp://10.0.0.2/")]
    [InlineData("api.telegram.org")]
    public void A_bot_api_address_that_is_not_http_is_refused_and_the_way_back_to_the_public_api_is_named(string url)
    {
        Assert.Equal(
            "TELEGRAM_API_URL (Plugins:Telegram:ApiUrl) is not an http(s) URL; leave it empty for the public Bot API",
            Problem(("BotToken", Token), ("ApiUrl", url)));
    }

    [Fact]
    public void A_self_hosted_bot_api_address_loses_its_trailing_slash()
    {
        Assert.Equal("http://10.0.0.2:8081", Read(("BotToken", Token), ("ApiUrl", " http://10.0.0.2:8081/ ")).ApiUrl);
    }

    [Theory]
    [InlineData("/telegram")]
    [InlineData("mailto:bot@example.org")]
    public void A_webhook_address_that_is_not_an_absolute_http_url_is_refused_once_naming_it(string url)
    {
        var message = Problem(("BotToken", Token), ("WebhookUrl", url), ("WebhookSecret", "s3cret"));

        Assert.Equal(
            $"TELEGRAM_WEBHOOK_URL (Plugins:Telegram:WebhookUrl): '{url}' is not an http(s) URL; Telegram needs the public HTTPS address of this bot's webhook path",
            message);
    }

    [Fact]
    public void A_webhook_secret_with_characters_telegram_does_not_allow_is_refused_without_a_webhook_too()
    {
        Assert.Contains(
            "TELEGRAM_WEBHOOK_SECRET (Plugins:Telegram:WebhookSecret) may hold only 1–256 characters",
            Problem(("BotToken", Token), ("WebhookSecret", "not/allowed")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Drafts_can_be_switched_off()
    {
        Assert.False(Read(("BotToken", Token), ("UseDrafts", "false")).UseDrafts);
    }

    [Fact]
    public void Every_problem_is_told_at_once()
    {
        var message = Problem(("BotToken", Token), ("ApiUrl", "nope"), ("MaxConcurrentConversations", "0"), ("UseDrafts", "maybe"));

        Assert.Equal(
            "TELEGRAM_API_URL (Plugins:Telegram:ApiUrl) is not an http(s) URL; leave it empty for the public Bot API; "
            + "Plugins:Telegram:MaxConcurrentConversations: '0' is not a whole number from 1 to 1024; "
            + "Plugins:Telegram:UseDrafts: 'maybe' is not true or false",
            message);
    }
}
