using PluginBot.Host.Operations;

namespace PluginBot.Host.Tests.Operations;

public sealed class WatchdogSettingsTests
{
    [Fact]
    public void Watchdog_usec_and_a_notify_socket_enable_pings_at_half_the_limit()
    {
        var settings = WatchdogSettings.FromEnvironment(Env(("WATCHDOG_USEC", "120000000"), ("NOTIFY_SOCKET", "/run/systemd/notify")), 42);

        Assert.True(settings.Enabled);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.Interval);
    }

    [Fact]
    public void A_watchdog_meant_for_another_process_is_ignored()
    {
        var settings = WatchdogSettings.FromEnvironment(Env(("WATCHDOG_USEC", "120000000"), ("WATCHDOG_PID", "41"), ("NOTIFY_SOCKET", "/run/systemd/notify")), 42);

        Assert.False(settings.Enabled);
    }

    [Fact]
    public void A_watchdog_for_this_process_id_is_kept()
    {
        var settings = WatchdogSettings.FromEnvironment(Env(("WATCHDOG_USEC", "2000000"), ("WATCHDOG_PID", "42"), ("NOTIFY_SOCKET", "@abstract")), 42);

        Assert.True(settings.Enabled);
    }

    [Theory]
    [InlineData(null, "/run/systemd/notify")]
    [InlineData("0", "/run/systemd/notify")]
    [InlineData("soon", "/run/systemd/notify")]
    [InlineData("2000000", null)]
    public void Without_a_limit_or_a_socket_there_is_no_watchdog(string? usec, string? socket)
    {
        Assert.False(WatchdogSettings.FromEnvironment(Env(("WATCHDOG_USEC", usec), ("NOTIFY_SOCKET", socket)), 42).Enabled);
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
