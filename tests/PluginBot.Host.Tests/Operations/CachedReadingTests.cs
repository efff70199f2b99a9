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
}
