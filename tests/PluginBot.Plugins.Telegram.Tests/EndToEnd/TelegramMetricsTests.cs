using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PluginBot.Abstractions.Operations;
using PluginBot.TestKit;
using PluginBot.TestKit.Telegram;

namespace PluginBot.Plugins.Telegram.Tests.EndToEnd;

[Collection(TelegramCollection.Name)]
public sealed class TelegramMetricsTests(TelegramFixture host) : TelegramTest(host)
{
    private const string MeterName = "PluginBot.Telegram";
    private const long User = HostFixture.UserId;

    private IMeterFactory Meters => Host.Services.GetRequiredService<IMeterFactory>();

    [Fact]
    public async Task An_update_is_counted_when_received_and_when_handled_and_the_reply_is_timed_by_method()
    {
        using var received = new MetricCollector<long>(Meters, MeterName, MetricNames.UpdatesReceived);
        using var handled = new MetricCollector<long>(Meters, MeterName, MetricNames.UpdatesHandled);
        using var sends = new MetricCollector<double>(Meters, MeterName, MetricNames.TelegramSendDuration);
        var before = Count(User);

        Telegram.SendCommand(User, User, "whoami");
        await NewMessagesAsync(User, before);

        await Eventually.UntilAsync(() => handled.GetMeasurementSnapshot().Count > 0);
        var update = Assert.Single(received.GetMeasurementSnapshot());
        Assert.Equal((1L, "telegram", "polling"), (update.Value, update.Tags["transport"], update.Tags["mode"]));
        Assert.Equal("handled", Assert.Single(handled.GetMeasurementSnapshot()).Tags["outcome"]);
        Assert.Contains(sends.GetMeasurementSnapshot(), m => (string?)m.Tags["method"] == "sendMessage" && (string?)m.Tags["status"] == "200");
        Assert.DoesNotContain(sends.GetMeasurementSnapshot(), m => (string?)m.Tags["method"] == "getUpdates");
    }

    [Fact]
    public async Task A_429_from_telegram_is_counted_by_method_and_the_token_never_appears_in_a_tag()
    {
        using var floods = new MetricCollector<long>(Meters, MeterName, MetricNames.TelegramFloodWaits);
        using var sends = new MetricCollector<double>(Meters, MeterName, MetricNames.TelegramSendDuration);
        Telegram.FailNext("sendMessage", TelegramErrors.TooManyRequests(1));
        var before = Count(User);

        Telegram.SendCommand(User, User, "whoami");
        await NewMessagesAsync(User, before);

        var flood = Assert.Single(floods.GetMeasurementSnapshot());
        Assert.Equal("sendMessage", flood.Tags["method"]);
        Assert.Contains(sends.GetMeasurementSnapshot(), m => (string?)m.Tags["status"] == "429");
        Assert.All(sends.GetMeasurementSnapshot(), m => Assert.DoesNotContain(Telegram.Token, (string)m.Tags["method"]!, StringComparison.Ordinal));
    }
}
