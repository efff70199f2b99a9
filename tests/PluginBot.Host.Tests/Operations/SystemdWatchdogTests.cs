using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PluginBot.Host.Operations;

namespace PluginBot.Host.Tests.Operations;

public sealed class SystemdWatchdogTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingNotifier _notifier = new();
    private readonly LoopLiveness _loops;
    private readonly SystemdWatchdog _watchdog;

    public SystemdWatchdogTests()
    {
        _loops = new LoopLiveness(_time);
        _watchdog = new SystemdWatchdog(_loops, new WatchdogSettings(TimeSpan.FromSeconds(10), "/run/notify"), _notifier, _time, NullLogger<SystemdWatchdog>.Instance);
    }

    [Fact]
    public void Pings_while_every_loop_beat_within_its_limit()
    {
        using var loop = _loops.Register("a", TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(29));

        var stalled = _watchdog.Tick(wasStalled: false);

        Assert.False(stalled);
        Assert.Equal(["WATCHDOG=1"], _notifier.Sent);
    }

    [Fact]
    public void A_loop_silent_past_its_limit_stops_the_pings_and_is_named_in_the_status()
    {
        using var quiet = _loops.Register("telegram:updates", TimeSpan.FromSeconds(30));
        using var busy = _loops.Register("tasks:workers", TimeSpan.FromSeconds(30));
        _time.Advance(TimeSpan.FromSeconds(31));
        busy.Beat();

        var stalled = _watchdog.Tick(wasStalled: false);

        Assert.True(stalled);
        var status = Assert.Single(_notifier.Sent);
        Assert.StartsWith("STATUS=Not pinging the watchdog: telegram:updates silent for 31 s (limit 30 s)", status, StringComparison.Ordinal);
        Assert.DoesNotContain("tasks:workers", status, StringComparison.Ordinal);
    }

    [Fact]
    public void Pings_resume_once_the_stalled_loop_beats_again()
    {
        using var loop = _loops.Register("a", TimeSpan.FromSeconds(5));
        _time.Advance(TimeSpan.FromSeconds(6));
        var stalled = _watchdog.Tick(wasStalled: false);

        loop.Beat();
        stalled = _watchdog.Tick(stalled);

        Assert.False(stalled);
        Assert.Equal("WATCHDOG=1", _notifier.Sent[^1]);
        Assert.Equal("STATUS=Running; every loop beats", _notifier.Sent[^2]);
    }

    [Fact]
    public void A_loop_that_ended_on_purpose_no_longer_counts()
    {
        var loop = _loops.Register("webhook-handover", TimeSpan.FromSeconds(1));
        loop.Dispose();
        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.False(_watchdog.Tick(wasStalled: false));
        Assert.Empty(_loops.Snapshot());
    }

    [Fact]
    public async Task The_running_watchdog_pings_at_half_the_limit()
    {
        using var loop = _loops.Register("a", TimeSpan.FromMinutes(10));
        await _watchdog.StartAsync(CancellationToken.None);
        await PluginBot.TestKit.Eventually.UntilAsync(() => _notifier.Sent.Count == 1);

        _time.Advance(TimeSpan.FromSeconds(5));
        await PluginBot.TestKit.Eventually.UntilAsync(() => _notifier.Sent.Count == 2);
        _time.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(2, _notifier.Sent.Count);
        await _watchdog.StopAsync(CancellationToken.None);
    }

    public void Dispose() => _watchdog.Dispose();

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        private readonly List<string> _sent = [];

        public bool IsEnabled => true;

        public List<string> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public void Notify(ServiceState state)
        {
            lock (_sent)
            {
                _sent.Add(state.ToString());
            }
        }
    }
}
