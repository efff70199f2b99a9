using Microsoft.Extensions.Time.Testing;
using PluginBot.Host.Operations;

namespace PluginBot.Host.Tests.Operations;

public sealed class CachedReadingTests
{
    [Fact]
    public void A_gauge_reads_its_source_once_per_lifetime_however_often_it_is_scraped()
    {
        var time = new FakeTimeProvider();
        var reads = 0;
        var reading = new CachedReading<int>(() => ++reads, TimeSpan.FromSeconds(5), time);

        Assert.Equal(1, reading.Value);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(1, reading.Value);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, reading.Value);
        Assert.Equal(2, reads);
    }

    [Fact]
    public void A_clock_that_goes_back_makes_the_reading_stale()
    {
        var time = new SettableClock { Now = TimeSpan.FromMinutes(1) };
        var reads = 0;
        var reading = new CachedReading<int>(() => ++reads, TimeSpan.FromSeconds(5), time);
        _ = reading.Value;

        time.Now -= TimeSpan.FromSeconds(30);

        Assert.Equal(2, reading.Value);
    }

    /// <summary>A clock that can go back, which FakeTimeProvider refuses to do.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public TimeSpan Now { get; set; }

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Now.Ticks;
    }
}
